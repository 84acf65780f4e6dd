CREATE TABLE "dispatch_assignments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dispatch_assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"batch_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"home_unit_id" integer NOT NULL,
	"dest_unit_id" integer,
	"dest_place" text,
	"host_unit_name" text,
	"host_contact_person_id" integer,
	"start_date" date NOT NULL,
	"planned_end" date NOT NULL,
	"ended_on" date,
	"status" text DEFAULT 'on_post' NOT NULL,
	"term_notice_on" date,
	"created_by_person_id" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatch_attachments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dispatch_attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"report_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"size" integer NOT NULL,
	"data" text NOT NULL,
	"by_person_id" integer,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatch_batches" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dispatch_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"cadence" text DEFAULT 'monthly' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatch_evaluations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dispatch_evaluations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"assignment_id" integer NOT NULL,
	"grade" text NOT NULL,
	"comment" text,
	"by_person_id" integer,
	"evaluated_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatch_import_drafts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dispatch_import_drafts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"by_person_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"rows" jsonb NOT NULL,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatch_report_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dispatch_report_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"report_id" integer NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"by_person_id" integer,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatch_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dispatch_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"assignment_id" integer NOT NULL,
	"period_key" text NOT NULL,
	"kind" text DEFAULT 'report' NOT NULL,
	"work_done" text NOT NULL,
	"problems" text,
	"help_needed" text,
	"next_steps" text,
	"submitted_on" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatch_send_ledger" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dispatch_send_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"recipient" text NOT NULL,
	"kind" text NOT NULL,
	"local_date" date NOT NULL,
	"subject_keys" text[] NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatch_status_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dispatch_status_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"assignment_id" integer NOT NULL,
	"status" text NOT NULL,
	"effective_on" date NOT NULL,
	"planned_end" date NOT NULL,
	"note" text,
	"by_person_id" integer,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dispatch_assignments" ADD CONSTRAINT "dispatch_assignments_batch_id_dispatch_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."dispatch_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_assignments" ADD CONSTRAINT "dispatch_assignments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_assignments" ADD CONSTRAINT "dispatch_assignments_home_unit_id_units_id_fk" FOREIGN KEY ("home_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_assignments" ADD CONSTRAINT "dispatch_assignments_dest_unit_id_units_id_fk" FOREIGN KEY ("dest_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_assignments" ADD CONSTRAINT "dispatch_assignments_host_contact_person_id_people_id_fk" FOREIGN KEY ("host_contact_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_assignments" ADD CONSTRAINT "dispatch_assignments_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_attachments" ADD CONSTRAINT "dispatch_attachments_report_id_dispatch_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."dispatch_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_attachments" ADD CONSTRAINT "dispatch_attachments_by_person_id_people_id_fk" FOREIGN KEY ("by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_batches" ADD CONSTRAINT "dispatch_batches_county_id_units_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_evaluations" ADD CONSTRAINT "dispatch_evaluations_assignment_id_dispatch_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."dispatch_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_evaluations" ADD CONSTRAINT "dispatch_evaluations_by_person_id_people_id_fk" FOREIGN KEY ("by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_import_drafts" ADD CONSTRAINT "dispatch_import_drafts_by_person_id_people_id_fk" FOREIGN KEY ("by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_report_versions" ADD CONSTRAINT "dispatch_report_versions_report_id_dispatch_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."dispatch_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_report_versions" ADD CONSTRAINT "dispatch_report_versions_by_person_id_people_id_fk" FOREIGN KEY ("by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_reports" ADD CONSTRAINT "dispatch_reports_assignment_id_dispatch_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."dispatch_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_status_history" ADD CONSTRAINT "dispatch_status_history_assignment_id_dispatch_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."dispatch_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_status_history" ADD CONSTRAINT "dispatch_status_history_by_person_id_people_id_fk" FOREIGN KEY ("by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispatch_assignments_person_idx" ON "dispatch_assignments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "dispatch_assignments_batch_idx" ON "dispatch_assignments" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "dispatch_assignments_active_idx" ON "dispatch_assignments" USING btree ("status") WHERE status in ('on_post', 'extended');--> statement-breakpoint
CREATE UNIQUE INDEX "dispatch_batches_name_uq" ON "dispatch_batches" USING btree ("county_id","kind","name");--> statement-breakpoint
CREATE UNIQUE INDEX "dispatch_evaluations_assignment_uq" ON "dispatch_evaluations" USING btree ("assignment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dispatch_report_versions_uq" ON "dispatch_report_versions" USING btree ("report_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "dispatch_reports_period_uq" ON "dispatch_reports" USING btree ("assignment_id","kind","period_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dispatch_send_ledger_uq" ON "dispatch_send_ledger" USING btree ("recipient","kind","local_date");--> statement-breakpoint
CREATE INDEX "dispatch_status_history_assignment_idx" ON "dispatch_status_history" USING btree ("assignment_id");