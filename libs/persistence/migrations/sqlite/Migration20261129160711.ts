import { Migration } from '@mikro-orm/migrations';

export class Migration20261129160711 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`invitation_mails\` (\`id\` text not null, \`invitation_id\` text not null, \`send\` integer not null, \`email\` text not null, \`inviter_id\` text not null, \`reason\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`invitation_mails_email_created_at_index\` on \`invitation_mails\` (\`email\`, \`created_at\`);`);
    this.addSql(`create index \`invitation_mails_inviter_id_created_at_index\` on \`invitation_mails\` (\`inviter_id\`, \`created_at\`);`);
    this.addSql(`create unique index \`invitation_mails_invitation_id_send_unique\` on \`invitation_mails\` (\`invitation_id\`, \`send\`);`);


    this.addSql(`alter table \`invitations\` add column \`send_count\` integer not null default 1;`);
    this.addSql(`alter table \`invitations\` add column \`delivered_send\` integer not null default 0;`);
  }

}
