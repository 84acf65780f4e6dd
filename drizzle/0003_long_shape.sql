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
CREATE UNIQUE INDEX "chats_one_leaders_uq" ON "chats" USING btree ("is_leaders") WHERE is_leaders;