import { Migration } from '@mikro-orm/migrations';

export class Migration20261129160713 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "invitation_mails" ("id" uuid not null, "invitation_id" uuid not null, "send" int not null, "email" varchar(320) not null, "inviter_id" uuid not null, "reason" varchar(16) not null, "created_at" timestamptz not null, constraint "invitation_mails_pkey" primary key ("id"));`);
    this.addSql(`create index "invitation_mails_email_created_at_index" on "invitation_mails" ("email", "created_at");`);
    this.addSql(`create index "invitation_mails_inviter_id_created_at_index" on "invitation_mails" ("inviter_id", "created_at");`);
    this.addSql(`alter table "invitation_mails" add constraint "invitation_mails_invitation_id_send_unique" unique ("invitation_id", "send");`);


    this.addSql(`alter table "invitations" add column "send_count" int not null default 1, add column "delivered_send" int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "invitation_mails" cascade;`);


    this.addSql(`alter table "invitations" drop column "send_count", drop column "delivered_send";`);
  }

}
