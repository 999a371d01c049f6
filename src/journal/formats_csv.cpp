// The CSV form of journal entries: one row per entry, every kind in one table (columns that do
// not apply to a kind are empty). Quoting follows RFC 4180.
#include <charconv>
#include <fmt/format.h>
#include <map>

#include "speciosa/journal_formats.hpp"

namespace speciosa::journal {
namespace {

constexpr std::string_view kHeader =
    "kind,id,uid,at,amount,unit,product,form,anxiety,mood,energy,sleep_h,gad7,gad7_score,"
    "withdrawal,symptom,severity,note";
constexpr std::string_view kAccepted = "a file written by speciosa export --format csv";

using Row = std::vector<std::string>;

std::string opt_text(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }
std::string opt_text(const std::optional<double>& v) { return v ? fmt::format("{}", *v) : ""; }

Error bad(std::size_t line, std::string_view column, std::string why) {
  return invalid_input(fmt::format("line {}", line), std::string(column), std::move(why), std::string(kAccepted));
}

// Splits RFC 4180 text into rows of fields; quoted fields may hold commas, quotes and newlines.
Result<std::vector<Row>> split_rows(std::string_view text) {
  std::vector<Row> rows;
  Row row;
  std::string field;
  bool quoted = false;
  auto end_row = [&] {
    row.push_back(std::move(field));
    field.clear();
    rows.push_back(std::move(row));
    row.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      end_row();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (quoted) return bad(rows.size() + 1, "note", "has a quote that is never closed");
  if (!field.empty() || !row.empty()) end_row();
  return rows;
}

// Typed access to the columns of one row; errors name the line and column.
class RowReader {
 public:
  RowReader(const Row& row, std::size_t line, std::string_view tz) : row_(row), line_(line), tz_(tz) {}

  const std::string& text(std::string_view column) const { return row_.at(index(column)); }

  template <typename T>
  Result<std::optional<T>> number(std::string_view column) const {
    const std::string& s = text(column);
    if (s.empty()) return std::optional<T>{};
    T value{};
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size()) return bad(line_, column, fmt::format("'{}' is not a number", s));
    return std::optional<T>(value);
  }

  template <typename T>
  Result<T> required_number(std::string_view column) const {
    auto v = number<T>(column);
    if (!v) return v.error();
    if (!*v) return bad(line_, column, "is empty");
    return **v;
  }

  template <typename E>
  Status common(E& out) const {
    out.uid = text("uid");
    auto at = parse_time(text("at"), tz_, fmt::format("line {} at", line_));
    if (!at) return at.error();
    out.at = *at;
    return Ok{};
  }

  Error error(std::string_view column, std::string why) const { return bad(line_, column, std::move(why)); }

 private:
  static std::size_t index(std::string_view column) {
    static const std::map<std::string, std::size_t, std::less<>> kIndex = [] {
      std::map<std::string, std::size_t, std::less<>> m;
      std::size_t i = 0;
      for (std::size_t start = 0; start <= kHeader.size(); ++i) {
        const auto comma = std::min(kHeader.find(',', start), kHeader.size());
        m.emplace(std::string(kHeader.substr(start, comma - start)), i);
        start = comma + 1;
      }
      return m;
    }();
    const auto it = kIndex.find(column);
    SPECIOSA_ASSERT(it != kIndex.end(), "a CSV column of the header");
    return it->second;
  }

  const Row& row_;
  std::size_t line_;
  std::string_view tz_;
};

Result<Dose> dose_from(const RowReader& r) {
  Dose d;
  if (auto s = r.common(d); !s) return s.error();
  auto amount = r.required_number<double>("amount");
  if (!amount) return amount.error();
  auto form = form_from_string(r.text("form"));
  if (!form) return form.error();
  d.amount = *amount;
  d.unit = r.text("unit");
  d.product = r.text("product");
  d.form = *form;
  d.note = r.text("note");
  return d;
}

Result<std::optional<std::array<int, 7>>> gad7_from(const RowReader& r) {
  const std::string& text = r.text("gad7");
  if (text.empty()) return std::optional<std::array<int, 7>>{};
  std::array<int, 7> answers{};
  std::size_t n = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (p < end) {
    if (n == answers.size()) return r.error("gad7", "has more than 7 answers");
    const auto [next, ec] = std::from_chars(p, end, answers[n++]);
    if (ec != std::errc{} || (next != end && *next != ' ')) return r.error("gad7", "is not 7 numbers separated by spaces");
    p = next == end ? end : next + 1;
  }
  if (n != answers.size()) return r.error("gad7", "does not have 7 answers");
  return std::optional(answers);
}

Result<std::map<std::string, int>> withdrawal_from(const RowReader& r) {
  std::map<std::string, int> out;
  std::string_view text = r.text("withdrawal");
  while (!text.empty()) {
    const auto item = text.substr(0, text.find(';'));
    text.remove_prefix(std::min(item.size() + 1, text.size()));
    const auto eq = item.find('=');
    int score = 0;
    const auto number = eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1);
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), score);
    if (number.empty() || ec != std::errc{} || end != number.data() + number.size()) {
      return r.error("withdrawal", fmt::format("'{}' is not symptom=score", item));
    }
    out[std::string(item.substr(0, eq))] = score;
  }
  return out;
}

Result<Checkin> checkin_from(const RowReader& r) {
  Checkin c;
  auto anxiety = r.number<int>("anxiety");
  auto mood = r.number<int>("mood");
  auto energy = r.number<int>("energy");
  auto sleep = r.number<double>("sleep_h");
  auto gad7 = gad7_from(r);
  auto withdrawal = withdrawal_from(r);
  for (const Status& s : {r.common(c), anxiety ? Status{Ok{}} : anxiety.error(), mood ? Status{Ok{}} : mood.error(),
                          energy ? Status{Ok{}} : energy.error(), sleep ? Status{Ok{}} : sleep.error(),
                          gad7 ? Status{Ok{}} : gad7.error(), withdrawal ? Status{Ok{}} : withdrawal.error()}) {
    if (!s) return s.error();
  }
  c.anxiety = *anxiety;
  c.mood = *mood;
  c.energy = *energy;
  c.sleep_h = *sleep;
  c.gad7 = *gad7;
  c.withdrawal = std::move(*withdrawal);
  c.note = r.text("note");
  return c;
}

Result<SideEffect> side_effect_from(const RowReader& r) {
  SideEffect e;
  if (auto s = r.common(e); !s) return s.error();
  auto severity = r.required_number<int>("severity");
  if (!severity) return severity.error();
  e.symptom = r.text("symptom");
  e.severity = *severity;
  return e;
}

template <typename E>
Status add_to(Result<E> read, std::vector<E>& out) {
  if (!read) return read.error();
  out.push_back(std::move(*read));
  return Ok{};
}

}  // namespace

std::string entries_to_csv(const Entries& entries, std::string_view tz) {
  std::string out = std::string(kHeader) + "\n";
  for (const auto& d : entries.doses) {
    out += fmt::format("dose,{},{},{},{},{},{},{},,,,,,,,,,{}\n", d.id, csv_field(d.uid), format_time(d.at, tz),
                       d.amount, csv_field(d.unit), csv_field(d.product), to_string(d.form), csv_field(d.note));
  }
  for (const auto& c : entries.checkins) {
    std::string withdrawal;
    for (const auto& [symptom, score] : c.withdrawal) {
      withdrawal += (withdrawal.empty() ? "" : ";") + symptom + "=" + std::to_string(score);
    }
    out += fmt::format("checkin,{},{},{},,,,,{},{},{},{},{},{},{},,,{}\n", c.id, csv_field(c.uid), format_time(c.at, tz),
                       opt_text(c.anxiety), opt_text(c.mood), opt_text(c.energy), opt_text(c.sleep_h),
                       c.gad7 ? fmt::format("{}", fmt::join(*c.gad7, " ")) : "", opt_text(c.gad7_score()),
                       csv_field(withdrawal), csv_field(c.note));
  }
  for (const auto& e : entries.side_effects) {
    out += fmt::format("side_effect,{},{},{},,,,,,,,,,,,{},{},\n", e.id, csv_field(e.uid), format_time(e.at, tz),
                       csv_field(e.symptom), e.severity);
  }
  return out;
}

Result<Entries> entries_from_csv(std::string_view text, std::string_view tz) {
  auto rows = split_rows(text);
  if (!rows) return rows.error();
  const std::size_t columns = split_rows(kHeader)->front().size();
  if (rows->empty() || fmt::format("{}", fmt::join(rows->front(), ",")) != kHeader) {
    return bad(1, "header", "is not the header speciosa writes");
  }
  Entries out;
  for (std::size_t i = 1; i < rows->size(); ++i) {
    const Row& row = (*rows)[i];
    const std::size_t line = i + 1;  // a line number when no field holds a line break
    if (row.size() != columns) return bad(line, "kind", fmt::format("has {} columns, not {}", row.size(), columns));
    const RowReader r(row, line, tz);
    const std::string& kind = r.text("kind");
    const Status added = kind == "dose"          ? add_to(dose_from(r), out.doses)
                         : kind == "checkin"     ? add_to(checkin_from(r), out.checkins)
                         : kind == "side_effect" ? add_to(side_effect_from(r), out.side_effects)
                                                 : Status{r.error("kind", fmt::format("unknown kind '{}'", kind))};
    if (!added) return added.error();
  }
  return out;
}

}  // namespace speciosa::journal
