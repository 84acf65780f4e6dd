CREATE TABLE "use_award_batches" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "use_award_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"date" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "use_awardees" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "use_awardees_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"batch_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "use_pending_imports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "use_pending_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"actor_person_id" integer NOT NULL,
	"county_id" integer NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"rows" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "use_promotions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "use_promotions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"county_id" integer NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"from_unit_id" integer,
	"from_post" text,
	"from_level" text,
	"to_unit_id" integer,
	"to_post" text,
	"to_level" text,
	"to_role" text,
	"doc_no" text,
	"source" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "use_rankings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "use_rankings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"year" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"score" text,
	"rank" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "use_warning_ledger" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "use_warning_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"recipient" text NOT NULL,
	"local_date" date NOT NULL,
	"keys" text[] NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "use_awardees" ADD CONSTRAINT "use_awardees_batch_id_use_award_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."use_award_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_awardees" ADD CONSTRAINT "use_awardees_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_pending_imports" ADD CONSTRAINT "use_pending_imports_actor_person_id_people_id_fk" FOREIGN KEY ("actor_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_promotions" ADD CONSTRAINT "use_promotions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_promotions" ADD CONSTRAINT "use_promotions_from_unit_id_units_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_promotions" ADD CONSTRAINT "use_promotions_to_unit_id_units_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_rankings" ADD CONSTRAINT "use_rankings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "use_award_batches_uq" ON "use_award_batches" USING btree ("county_id","kind","name");--> statement-breakpoint
CREATE UNIQUE INDEX "use_awardees_uq" ON "use_awardees" USING btree ("batch_id","person_id");--> statement-breakpoint
CREATE INDEX "use_promotions_county_date_idx" ON "use_promotions" USING btree ("county_id","date");--> statement-breakpoint
CREATE INDEX "use_promotions_person_idx" ON "use_promotions" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "use_rankings_uq" ON "use_rankings" USING btree ("year","unit_id");--> statement-breakpoint
CREATE INDEX "use_rankings_county_idx" ON "use_rankings" USING btree ("county_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "use_warning_ledger_uq" ON "use_warning_ledger" USING btree ("recipient","local_date");