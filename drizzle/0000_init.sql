CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"actor_person_id" integer,
	"actor_open_id" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"event_id" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "deputy_supervisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deputy_supervisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"deputy_person_id" integer NOT NULL,
	"cadre_person_id" integer NOT NULL,
	"area" text,
	"start_date" date NOT NULL,
	"end_date" date
);
--> statement-breakpoint
CREATE TABLE "leader_unit_links" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "leader_unit_links_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"leader_person_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"kind" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date
);
--> statement-breakpoint
CREATE TABLE "leadership_positions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "leadership_positions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"role" text NOT NULL,
	"title" text,
	"start_date" date NOT NULL,
	"end_date" date
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "people_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_key" text NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"id_number" text,
	"mobile" text,
	"email" text,
	"education" text NOT NULL,
	"education_detail" text,
	"unit_id" integer NOT NULL,
	"position" text,
	"leadership_level" text,
	"rank" text,
	"cadre_type" text DEFAULT '公务员' NOT NULL,
	"is_xuandiao" boolean DEFAULT false NOT NULL,
	"is_secondee" boolean DEFAULT false NOT NULL,
	"is_county_leader" boolean DEFAULT false NOT NULL,
	"political_status" text,
	"township_work_start" date,
	"open_id" text,
	"user_id" text,
	"pinyin" text DEFAULT '' NOT NULL,
	"pinyin_initials" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"left_at" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "role_grants" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "role_grants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"role" text NOT NULL,
	"unit_id" integer,
	"domain" text,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"parent_id" integer,
	"county_id" integer,
	"domain" text,
	"domain_dept_unit_id" integer,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "job_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"job_name" text NOT NULL,
	"slot" text NOT NULL,
	"instance" text NOT NULL,
	"trigger" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text DEFAULT 'running' NOT NULL,
	"error" text,
	"result" jsonb
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uuid" text NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"receive_id_type" text,
	"msg_type" text DEFAULT 'interactive' NOT NULL,
	"content" jsonb NOT NULL,
	"file_name" text,
	"file_base64" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"message_id" text,
	"ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "processed_events" (
	"key" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "calendar_overrides" (
	"day" date PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"loaded_by_person_id" integer,
	"loaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminder_ledger" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reminder_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"recipient" text NOT NULL,
	"kind" text NOT NULL,
	"local_date" date NOT NULL,
	"period_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"item_count" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "talk_cadences" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "talk_cadences_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"relation" text NOT NULL,
	"period_kind" text NOT NULL,
	"effective_from" date NOT NULL,
	"created_by_person_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "talk_problems" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "talk_problems_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"talk_id" integer NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"solved_on" date,
	"solved_by_person_id" integer,
	"follow_up" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "talks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "talks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"talker_person_id" integer NOT NULL,
	"cadre_person_id" integer NOT NULL,
	"talk_date" date NOT NULL,
	"kind" text NOT NULL,
	"tone" text NOT NULL,
	"topics" text[] NOT NULL,
	"notes" text,
	"form_nonce" text,
	"created_by_person_id" integer,
	"event_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentoring_pairs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mentoring_pairs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"mentor_person_id" integer NOT NULL,
	"mentee_person_id" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"plan" text,
	"end_reason" text,
	"created_by_person_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chats" (
	"chat_id" text PRIMARY KEY NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"is_leaders" boolean DEFAULT false NOT NULL,
	"added_by_open_id" text,
	"added_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deputy_supervisions" ADD CONSTRAINT "deputy_supervisions_deputy_person_id_people_id_fk" FOREIGN KEY ("deputy_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deputy_supervisions" ADD CONSTRAINT "deputy_supervisions_cadre_person_id_people_id_fk" FOREIGN KEY ("cadre_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_unit_links" ADD CONSTRAINT "leader_unit_links_leader_person_id_people_id_fk" FOREIGN KEY ("leader_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_unit_links" ADD CONSTRAINT "leader_unit_links_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadership_positions" ADD CONSTRAINT "leadership_positions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadership_positions" ADD CONSTRAINT "leadership_positions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_parent_id_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_domain_dept_unit_id_units_id_fk" FOREIGN KEY ("domain_dept_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
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
ALTER TABLE "calendar_overrides" ADD CONSTRAINT "calendar_overrides_loaded_by_person_id_people_id_fk" FOREIGN KEY ("loaded_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talk_cadences" ADD CONSTRAINT "talk_cadences_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talk_problems" ADD CONSTRAINT "talk_problems_talk_id_talks_id_fk" FOREIGN KEY ("talk_id") REFERENCES "public"."talks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talk_problems" ADD CONSTRAINT "talk_problems_solved_by_person_id_people_id_fk" FOREIGN KEY ("solved_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talks" ADD CONSTRAINT "talks_talker_person_id_people_id_fk" FOREIGN KEY ("talker_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talks" ADD CONSTRAINT "talks_cadre_person_id_people_id_fk" FOREIGN KEY ("cadre_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talks" ADD CONSTRAINT "talks_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_pairs" ADD CONSTRAINT "mentoring_pairs_mentor_person_id_people_id_fk" FOREIGN KEY ("mentor_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_pairs" ADD CONSTRAINT "mentoring_pairs_mentee_person_id_people_id_fk" FOREIGN KEY ("mentee_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_pairs" ADD CONSTRAINT "mentoring_pairs_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_log" USING btree ("actor_person_id","at");--> statement-breakpoint
CREATE INDEX "ds_deputy_idx" ON "deputy_supervisions" USING btree ("deputy_person_id");--> statement-breakpoint
CREATE INDEX "ds_cadre_idx" ON "deputy_supervisions" USING btree ("cadre_person_id");--> statement-breakpoint
CREATE INDEX "lul_leader_idx" ON "leader_unit_links" USING btree ("leader_person_id");--> statement-breakpoint
CREATE INDEX "lul_unit_idx" ON "leader_unit_links" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "lp_unit_idx" ON "leadership_positions" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "lp_person_idx" ON "leadership_positions" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_key_uq" ON "people" USING btree ("person_key");--> statement-breakpoint
CREATE UNIQUE INDEX "people_open_id_uq" ON "people" USING btree ("open_id") WHERE open_id is not null;--> statement-breakpoint
CREATE INDEX "people_unit_idx" ON "people" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "people_birth_idx" ON "people" USING btree ("birth_date");--> statement-breakpoint
CREATE INDEX "people_name_idx" ON "people" USING btree ("name");--> statement-breakpoint
CREATE INDEX "people_initials_idx" ON "people" USING btree ("pinyin_initials");--> statement-breakpoint
CREATE INDEX "people_user_id_idx" ON "people" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "rg_person_idx" ON "role_grants" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "units_code_uq" ON "units" USING btree ("code");--> statement-breakpoint
CREATE INDEX "units_parent_idx" ON "units" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_slot_uq" ON "job_runs" USING btree ("job_name","slot");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_uuid_uq" ON "outbox" USING btree ("uuid");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_ref_idx" ON "outbox" USING btree ("ref");--> statement-breakpoint
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
CREATE INDEX "frontline_observations_person_idx" ON "frontline_observations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "calendar_overrides_year_idx" ON "calendar_overrides" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_ledger_uq" ON "reminder_ledger" USING btree ("recipient","kind","local_date");--> statement-breakpoint
CREATE UNIQUE INDEX "talk_cadences_uq" ON "talk_cadences" USING btree ("relation","effective_from");--> statement-breakpoint
CREATE INDEX "talk_problems_talk_idx" ON "talk_problems" USING btree ("talk_id");--> statement-breakpoint
CREATE INDEX "talk_problems_open_idx" ON "talk_problems" USING btree ("status") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "talks_pair_idx" ON "talks" USING btree ("talker_person_id","cadre_person_id","talk_date");--> statement-breakpoint
CREATE INDEX "talks_cadre_idx" ON "talks" USING btree ("cadre_person_id","talk_date");--> statement-breakpoint
CREATE INDEX "talks_date_idx" ON "talks" USING btree ("talk_date");--> statement-breakpoint
CREATE UNIQUE INDEX "talks_nonce_uq" ON "talks" USING btree ("form_nonce") WHERE form_nonce is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "mentoring_pairs_live_mentee_uq" ON "mentoring_pairs" USING btree ("mentee_person_id") WHERE end_date is null;--> statement-breakpoint
CREATE INDEX "mentoring_pairs_mentor_idx" ON "mentoring_pairs" USING btree ("mentor_person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "chats_one_leaders_uq" ON "chats" USING btree ("is_leaders") WHERE is_leaders;