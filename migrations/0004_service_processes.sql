CREATE TABLE "service_processes" (
	"id" text PRIMARY KEY NOT NULL,
	"role" text NOT NULL,
	"settings" jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
