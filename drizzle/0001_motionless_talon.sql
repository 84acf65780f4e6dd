CREATE TABLE "pool_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pool_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"tier" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"entered_on" date NOT NULL,
	"exited_on" date,
	"exit_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pool_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pool_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"entry_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"from_tier" text,
	"to_tier" text,
	"exit_reason" text,
	"lists" jsonb,
	"note" text,
	"decided_by_person_id" integer,
	"proposal_id" integer,
	"event_id" text
);
--> statement-breakpoint
CREATE TABLE "pool_proposals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pool_proposals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"entry_id" integer NOT NULL,
	"action" text NOT NULL,
	"to_tier" text,
	"exit_reason" text,
	"rule_id" text NOT NULL,
	"reason" text NOT NULL,
	"basis" jsonb,
	"dedup_key" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"decided_by_person_id" integer,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recommendations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"list" text NOT NULL,
	"recommender_person_id" integer NOT NULL,
	"scope_unit_id" integer,
	"reason" text NOT NULL,
	"achievements" text NOT NULL,
	"evaluation" text NOT NULL,
	"basis" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"pool_entry_id" integer,
	"decided_by_person_id" integer,
	"decided_at" timestamp with time zone,
	"decline_reason" text,
	"event_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_results" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assessment_results_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"result" text NOT NULL,
	"note" text,
	"batch_id" text,
	"recorded_by_person_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "frontline_observations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "frontline_observations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"frontline" text NOT NULL,
	"project" text NOT NULL,
	"performance" text NOT NULL,
	"evaluations" text NOT NULL,
	"results" text NOT NULL,
	"flaws" text,
	"observed_on" date NOT NULL,
	"observer_person_id" integer NOT NULL,
	"event_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pool_entries" ADD CONSTRAINT "pool_entries_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_history" ADD CONSTRAINT "pool_history_entry_id_pool_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."pool_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_history" ADD CONSTRAINT "pool_history_decided_by_person_id_people_id_fk" FOREIGN KEY ("decided_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_proposals" ADD CONSTRAINT "pool_proposals_entry_id_pool_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."pool_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_proposals" ADD CONSTRAINT "pool_proposals_decided_by_person_id_people_id_fk" FOREIGN KEY ("decided_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_recommender_person_id_people_id_fk" FOREIGN KEY ("recommender_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_scope_unit_id_units_id_fk" FOREIGN KEY ("scope_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_pool_entry_id_pool_entries_id_fk" FOREIGN KEY ("pool_entry_id") REFERENCES "public"."pool_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_decided_by_person_id_people_id_fk" FOREIGN KEY ("decided_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_recorded_by_person_id_people_id_fk" FOREIGN KEY ("recorded_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frontline_observations" ADD CONSTRAINT "frontline_observations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frontline_observations" ADD CONSTRAINT "frontline_observations_observer_person_id_people_id_fk" FOREIGN KEY ("observer_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pool_entries_live_person_uq" ON "pool_entries" USING btree ("person_id") WHERE status <> 'exited';--> statement-breakpoint
CREATE INDEX "pool_entries_person_idx" ON "pool_entries" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "pool_history_entry_idx" ON "pool_history" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pool_proposals_dedup_uq" ON "pool_proposals" USING btree ("dedup_key");--> statement-breakpoint
CREATE INDEX "pool_proposals_open_idx" ON "pool_proposals" USING btree ("entry_id") WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "recommendations_current_uq" ON "recommendations" USING btree ("person_id","list") WHERE current;--> statement-breakpoint
CREATE INDEX "recommendations_status_idx" ON "recommendations" USING btree ("status");--> statement-breakpoint
CREATE INDEX "recommendations_person_idx" ON "recommendations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "recommendations_entry_idx" ON "recommendations" USING btree ("pool_entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_results_uq" ON "assessment_results" USING btree ("person_id","kind","period");--> statement-breakpoint
CREATE INDEX "assessment_results_person_idx" ON "assessment_results" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "frontline_observations_person_idx" ON "frontline_observations" USING btree ("person_id");