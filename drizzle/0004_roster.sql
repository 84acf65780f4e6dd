ALTER TABLE "people" ADD COLUMN "ethnicity" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "native_place" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "birth_place" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "work_start" date;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "party_join_date" date;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "position_since" date;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "rank_since" date;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "full_time_education" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "full_time_degree" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "full_time_school" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "part_time_education" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "part_time_degree" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "part_time_school" text;