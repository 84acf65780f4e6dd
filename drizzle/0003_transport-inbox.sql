CREATE TABLE "inbox_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inbox_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"order_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"leased_by" text,
	"lease_until" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_events_event_uq" ON "inbox_events" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "inbox_events_due_idx" ON "inbox_events" USING btree ("lease_until") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "inbox_events_finished_idx" ON "inbox_events" USING btree ("finished_at");