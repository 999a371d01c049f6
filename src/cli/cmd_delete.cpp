// speciosa delete ID: removes one entry of the current person, after asking (or with --yes).
#include <cstdio>

#include "journal_cli.hpp"

namespace speciosa::cli {
namespace {

struct DeleteOptions {
  journal::EntryId id = 0;
  bool yes = false;
};

int run_delete(CliContext& ctx, const DeleteOptions& o) {
  auto s = open_session(ctx);
  if (!s) return ctx.exit_code;
  auto entry = s->store->entry(s->person.id, o.id);
  if (!entry) return fail(ctx, entry.error());
  const std::string what = describe(*entry, s->person.tz);
  auto confirmed = confirm_deletion("delete", o.yes, "Delete " + what + "?");
  if (!confirmed) return fail(ctx, confirmed.error());
  if (!*confirmed) return 0;
  if (auto r = s->store->remove_entry(s->person.id, o.id); !r) return fail(ctx, r.error());
  std::printf("Deleted %s.\n", what.c_str());
  return 0;
}

}  // namespace

void add_delete_command(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<DeleteOptions>();
  CLI::App* cmd = app.add_subcommand("delete", "Delete an entry (asks first unless --yes)");
  cmd->add_option("id", o->id, "Entry id (see speciosa history)")->required();
  cmd->add_flag("--yes", o->yes, "Do not ask");
  cmd->callback([&ctx, o] { ctx.exit_code = run_delete(ctx, *o); });
}

}  // namespace speciosa::cli
