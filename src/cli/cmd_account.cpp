// speciosa account add NAME: a login for `speciosa serve --multi-user`. The password is read
// from standard input (one line), never from the command line where other users could see it.
#include <cstdio>
#include <iostream>

#include "journal_cli.hpp"
#include "speciosa/server.hpp"

namespace speciosa::cli {

void add_account_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("account", "Accounts for the multi-user server");
  cmd->require_subcommand(1);
  auto name = std::make_shared<std::string>();
  CLI::App* add = cmd->add_subcommand("add", "Add an account; the password is read from standard input");
  add->add_option("name", *name, "Login name")->required();
  add->callback([&ctx, name] {
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (Status s = server::add_account(journal_url(ctx), *name, password); !s) {
      fail(ctx, s.error());
      return;
    }
    std::printf("Added account %s.\n", name->c_str());
  });
}

}  // namespace speciosa::cli
