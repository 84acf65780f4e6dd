CREATE TABLE "roster_uploads" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roster_uploads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"token" text NOT NULL,
	"uploader_person_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"book" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
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
ALTER TABLE "people" ADD COLUMN "part_time_school" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "resume" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "family" jsonb;--> statement-breakpoint
ALTER TABLE "roster_uploads" ADD CONSTRAINT "roster_uploads_uploader_person_id_people_id_fk" FOREIGN KEY ("uploader_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "roster_uploads_token_uq" ON "roster_uploads" USING btree ("token");--> statement-breakpoint
CREATE INDEX "roster_uploads_uploader_idx" ON "roster_uploads" USING btree ("uploader_person_id");