CREATE TABLE "clue_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "clue_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"clue_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"from_step" text,
	"to_step" text NOT NULL,
	"actor_person_id" integer,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "clue_sends" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "clue_sends_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"recipient" text NOT NULL,
	"kind" text NOT NULL,
	"local_date" date NOT NULL,
	"item_count" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clues" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "clues_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"cadre_person_id" integer NOT NULL,
	"source" text NOT NULL,
	"summary" text NOT NULL,
	"severity" text NOT NULL,
	"evidence" text,
	"reporter_person_id" integer NOT NULL,
	"reported_on" date NOT NULL,
	"step" text NOT NULL,
	"step_since" date NOT NULL,
	"due_on" date,
	"leader_person_id" integer,
	"talk_id" integer,
	"correction" text,
	"finding" text,
	"handling" text,
	"return_reason" text,
	"closed_on" date,
	"form_nonce" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"task_id" integer NOT NULL,
	"cadre_person_id" integer NOT NULL,
	"role" text NOT NULL,
	"rating" text NOT NULL,
	"facts" text NOT NULL,
	"entry_on" date NOT NULL,
	"recorded_by_person_id" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_tasks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_id" integer NOT NULL,
	"name" text NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date,
	"lead_unit_id" integer,
	"created_by_person_id" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clue_events" ADD CONSTRAINT "clue_events_clue_id_clues_id_fk" FOREIGN KEY ("clue_id") REFERENCES "public"."clues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_events" ADD CONSTRAINT "clue_events_actor_person_id_people_id_fk" FOREIGN KEY ("actor_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_county_id_units_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_cadre_person_id_people_id_fk" FOREIGN KEY ("cadre_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_reporter_person_id_people_id_fk" FOREIGN KEY ("reporter_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_leader_person_id_people_id_fk" FOREIGN KEY ("leader_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_task_id_ledger_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."ledger_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_cadre_person_id_people_id_fk" FOREIGN KEY ("cadre_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_recorded_by_person_id_people_id_fk" FOREIGN KEY ("recorded_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_tasks" ADD CONSTRAINT "ledger_tasks_county_id_units_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_tasks" ADD CONSTRAINT "ledger_tasks_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_tasks" ADD CONSTRAINT "ledger_tasks_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clue_events_clue_idx" ON "clue_events" USING btree ("clue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clue_sends_uq" ON "clue_sends" USING btree ("recipient","kind","local_date");--> statement-breakpoint
CREATE INDEX "clues_cadre_idx" ON "clues" USING btree ("cadre_person_id");--> statement-breakpoint
CREATE INDEX "clues_open_idx" ON "clues" USING btree ("county_id","step") WHERE step not in ('closed', 'returned');--> statement-breakpoint
CREATE INDEX "clues_leader_idx" ON "clues" USING btree ("leader_person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clues_nonce_uq" ON "clues" USING btree ("form_nonce") WHERE form_nonce is not null;--> statement-breakpoint
CREATE INDEX "ledger_entries_cadre_idx" ON "ledger_entries" USING btree ("cadre_person_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_task_idx" ON "ledger_entries" USING btree ("task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_tasks_name_uq" ON "ledger_tasks" USING btree ("county_id","name");