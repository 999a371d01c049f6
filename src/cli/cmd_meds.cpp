// speciosa meds add|list|stop: the current person's other medications (the safety checks
// read them for interactions).
#include <cstdio>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "journal_cli.hpp"

namespace speciosa::cli {
namespace {

struct MedsOptions {
  std::string name;
  std::string dose_text;
  std::string start;
  std::string stop;
  bool all = false;
  FormatOptions format;
};

Result<std::optional<journal::Date>> optional_date(const std::string& text, const char* option) {
  if (text.empty()) return std::optional<journal::Date>{};
  auto d = journal::parse_date(text, option);
  if (!d) return d.error();
  return std::optional<journal::Date>(*d);
}

std::string date_text(const std::optional<journal::Date>& d) { return d ? journal::format_date(*d) : ""; }

journal::Date today(const journal::Person& p) {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return journal::parse_date(journal::format_time(now, p.tz).substr(0, 10), "today").value();
}

int run_add(CliContext& ctx, const MedsOptions& o) {
  journal::Medication m;
  m.name = o.name;
  m.dose_text = o.dose_text;
  auto start = optional_date(o.start, "--start");
  if (!start) return fail(ctx, start.error());
  m.start = *start;
  auto s = open_session(ctx);
  if (!s) return ctx.exit_code;
  auto id = s->store->add_medication(s->person.id, m);
  if (!id) return fail(ctx, id.error());
  std::printf("Added medication %lld: %s%s.\n", static_cast<long long>(*id), m.name.c_str(),
              m.dose_text.empty() ? "" : (" (" + m.dose_text + ")").c_str());
  return 0;
}

int run_list(CliContext& ctx, const MedsOptions& o) {
  auto format = resolve_format(o.format);
  if (!format) return 2;
  auto s = open_session(ctx);
  if (!s) return ctx.exit_code;
  auto meds = s->store->medications(s->person.id);
  if (!meds) return fail(ctx, meds.error());
  const journal::Date now = today(s->person);
  std::vector<journal::Medication> shown;
  for (const auto& m : *meds) {
    if (o.all || !m.stop || *m.stop >= now) shown.push_back(m);
  }
  if (*format == OutputFormat::kJson) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& m : shown) {
      out.push_back({{"id", m.id}, {"name", m.name}, {"dose", m.dose_text},
                     {"start", m.start ? nlohmann::json(date_text(m.start)) : nlohmann::json(nullptr)},
                     {"stop", m.stop ? nlohmann::json(date_text(m.stop)) : nlohmann::json(nullptr)}});
    }
    std::printf("%s\n", nlohmann::json{{"medications", out}}.dump(2).c_str());
    return 0;
  }
  const bool csv = *format == OutputFormat::kCsv;
  if (csv) std::printf("id,name,dose,start,stop\n");
  for (const auto& m : shown) {
    if (csv) {
      std::printf("%lld,%s,%s,%s,%s\n", static_cast<long long>(m.id), csv_field(m.name).c_str(),
                  csv_field(m.dose_text).c_str(), date_text(m.start).c_str(), date_text(m.stop).c_str());
    } else {
      std::printf("%4lld  %-20s %-20s %s%s\n", static_cast<long long>(m.id), m.name.c_str(), m.dose_text.c_str(),
                  m.start ? ("from " + date_text(m.start) + " ").c_str() : "",
                  m.stop ? ("until " + date_text(m.stop)).c_str() : "");
    }
  }
  return 0;
}

int run_stop(CliContext& ctx, const MedsOptions& o) {
  auto stop = optional_date(o.stop, "--on");
  if (!stop) return fail(ctx, stop.error());
  auto s = open_session(ctx);
  if (!s) return ctx.exit_code;
  auto meds = s->store->medications(s->person.id);
  if (!meds) return fail(ctx, meds.error());
  std::vector<std::string> names;
  for (auto m : *meds) {
    if ((m.name == o.name || std::to_string(m.id) == o.name) && !m.stop) {
      m.stop = stop->value_or(today(s->person));
      if (auto st = s->store->update_medication(s->person.id, m); !st) return fail(ctx, st.error());
      std::printf("Stopped %s on %s.\n", m.name.c_str(), date_text(m.stop).c_str());
      return 0;
    }
    if (!m.stop) names.push_back(m.name);
  }
  return fail(ctx, Error{ErrorCode::kNotFound, "meds stop", "name",
                         fmt::format("no current medication named '{}'", o.name),
                         names.empty() ? "none is current" : fmt::format("{}", fmt::join(names, ", "))});
}

}  // namespace

void add_meds_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("meds", "The current person's other medications");
  cmd->require_subcommand(1);

  auto add = std::make_shared<MedsOptions>();
  CLI::App* a = cmd->add_subcommand("add", "Add a medication");
  a->add_option("name", add->name, "Medication name, e.g. sertraline")->required();
  a->add_option("--dose", add->dose_text, "How you take it, e.g. \"50 mg daily\"");
  a->add_option("--start", add->start, "Start date YYYY-MM-DD");
  a->callback([&ctx, add] { ctx.exit_code = run_add(ctx, *add); });

  auto list = std::make_shared<MedsOptions>();
  CLI::App* l = cmd->add_subcommand("list", "Medications taken now (--all: also stopped ones)");
  l->add_flag("--all", list->all, "Include stopped medications");
  add_format_options(*l, list->format);
  l->callback([&ctx, list] { ctx.exit_code = run_list(ctx, *list); });

  auto stop = std::make_shared<MedsOptions>();
  CLI::App* s = cmd->add_subcommand("stop", "Record that a medication was stopped");
  s->add_option("name", stop->name, "Medication name or id")->required();
  s->add_option("--on", stop->stop, "Stop date YYYY-MM-DD (default: today)");
  s->callback([&ctx, stop] { ctx.exit_code = run_stop(ctx, *stop); });
}

}  // namespace speciosa::cli
