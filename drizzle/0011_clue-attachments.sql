CREATE TABLE "clue_attach_intents" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"clue_id" integer NOT NULL,
	"armed_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clue_attachments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "clue_attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"clue_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by_person_id" integer NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"data_base64" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clue_attach_intents" ADD CONSTRAINT "clue_attach_intents_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_attach_intents" ADD CONSTRAINT "clue_attach_intents_clue_id_clues_id_fk" FOREIGN KEY ("clue_id") REFERENCES "public"."clues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_attachments" ADD CONSTRAINT "clue_attachments_clue_id_clues_id_fk" FOREIGN KEY ("clue_id") REFERENCES "public"."clues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_attachments" ADD CONSTRAINT "clue_attachments_uploaded_by_person_id_people_id_fk" FOREIGN KEY ("uploaded_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clue_attachments_clue_idx" ON "clue_attachments" USING btree ("clue_id");