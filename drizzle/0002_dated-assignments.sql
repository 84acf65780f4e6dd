CREATE TABLE "person_assignments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "person_assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"position" text,
	"rank" text,
	"start_date" date NOT NULL,
	"end_date" date,
	"unit_since" date NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "person_assignments" ADD CONSTRAINT "person_assignments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_assignments" ADD CONSTRAINT "person_assignments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pa_person_idx" ON "person_assignments" USING btree ("person_id","start_date");--> statement-breakpoint
CREATE INDEX "pa_unit_idx" ON "person_assignments" USING btree ("unit_id","start_date");