CREATE INDEX "audit_actor_idx" ON "audit_log" USING btree ("actor_person_id","at");--> statement-breakpoint
CREATE INDEX "people_user_id_idx" ON "people" USING btree ("user_id");