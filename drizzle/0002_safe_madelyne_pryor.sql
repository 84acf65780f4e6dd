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
CREATE INDEX "mentoring_pairs_mentor_idx" ON "mentoring_pairs" USING btree ("mentor_person_id");