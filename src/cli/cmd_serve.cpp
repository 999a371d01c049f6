// speciosa serve: the dashboard and the HTTP API on one port (src/server).
#include <cstdio>

#include "journal_cli.hpp"
#include "speciosa/server.hpp"

namespace speciosa::cli {
namespace {

// Printed once the port is bound, so scripts (and tests using --port 0) can read it.
void announce(int port) {
  std::printf("speciosa: serving http://127.0.0.1:%d (stop with Ctrl-C)\n", port);
  std::fflush(stdout);
}

void announce_on(const server::ServerOptions& o) {
  if (!server::is_loopback(o.listen)) {
    std::printf("speciosa: listening on %s; use TLS in front (a reverse proxy) beyond this machine\n",
                o.listen.c_str());
  }
}

}  // namespace

void add_serve_command(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<server::ServerOptions>();
  auto web = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the dashboard and the HTTP API (/api/v1)");
  cmd->add_option("--port", o->port, "TCP port (default 8400; 0 picks a free one)");
  cmd->add_option("--listen", o->listen, "Address to bind (default 127.0.0.1; others need --multi-user)");
  cmd->add_flag("--multi-user", o->multi_user, "Accounts and logins (speciosa account add NAME)");
  cmd->add_flag("--secure-cookies", o->secure_cookies, "Mark cookies Secure (behind a TLS proxy)");
  cmd->add_option("--web", *web, "Built dashboard directory (default: web/dist of the source tree)");
  cmd->callback([&ctx, o, web] {
    o->db_url = journal_url(ctx);
    o->data_dir = ctx.data_dir;
    o->web_dir = *web;
    announce_on(*o);
    if (Status s = server::serve(*o, announce); !s) fail(ctx, s.error());
  });
}

}  // namespace speciosa::cli
