import { Migration } from '@mikro-orm/migrations';

export class Migration20261129155745 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`rate_limit_counters\` (\`key_digest\` text not null, \`window_start\` bigint not null, \`expires_at\` bigint not null, \`hits\` integer not null, primary key (\`key_digest\`));`);
    this.addSql(`create index \`rate_limit_counters_expires_at_index\` on \`rate_limit_counters\` (\`expires_at\`);`);
  }

}
