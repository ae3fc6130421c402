import { Migration } from '@mikro-orm/migrations';

/** Issue 13: the operation guard (R-O1), exact add-all-users counts (R-O3), keyset index of users. */
export class Migration20261129160000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`operation_guards\` (\`lock_key\` text not null, \`scope\` text not null, \`operation_id\` text null, \`request_hash\` text null, \`updated_at\` datetime not null, primary key (\`lock_key\`));`);
    this.addSql(`create index \`operation_guards_scope_index\` on \`operation_guards\` (\`scope\`);`);
    this.addSql(`alter table \`workspace_members\` add column \`added_by_operation\` text null;`);
    this.addSql(`create index \`users_organisation_id_id_index\` on \`users\` (\`organisation_id\`, \`id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index \`users_organisation_id_id_index\`;`);
    this.addSql(`alter table \`workspace_members\` drop column \`added_by_operation\`;`);
    this.addSql(`drop table \`operation_guards\`;`);
  }
}
