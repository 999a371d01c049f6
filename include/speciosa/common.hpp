// speciosa common: the vocabulary every module shares.
//
// - Error / Result<T>: expected failures are values (user input, data files, solver limits).
//   Programmer errors use SPECIOSA_ASSERT, which stays on in every build type.
// - Unit parsing: amounts ("2g", "2000mg", "1.5 %"), durations ("8h", "30min", "2d").
//   Units are always parsed, never assumed; a bare number is rejected with an example.
// - Argument checks that name the function, the field and the accepted range.
// Everything here is value types and pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace speciosa {

/// What kind of failure an Error reports; maps to CLI exit codes and HTTP statuses.
enum class ErrorCode {
  kInvalidInput,   ///< the user's input was rejected (exit 2, HTTP 400/422)
  kNotFound,       ///< a named thing does not exist (exit 2, HTTP 404)
  kConflict,       ///< the request clashes with stored state (exit 2, HTTP 409)
  kDataFile,       ///< a knowledge-base file is invalid (exit 1 at start-up)
  kSolver,         ///< the numerical solver gave up (exit 1, with a remedy)
  kIo,             ///< the outside world failed: file, database, network (exit 1)
  kInternal,       ///< anything else (exit 1)
};

/// An expected failure: where it happened, which field, what was wrong, what is accepted.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string where;     ///< "data/pk.toml:42", "--dose", "simulate"
  std::string field;     ///< "half_life_h", "dose"
  std::string message;   ///< "0 is not in (0.5, 200]"
  std::string accepted;  ///< "a positive amount with a unit, e.g. 2g or 25mg"

  /// One line for a person: "where: field 'x': message (accepted: ...)".
  std::string to_string() const;
  /// Whether the user caused it (exit code 2) rather than the program or its data (1).
  bool is_user_error() const;
};

Error invalid_input(std::string where, std::string field, std::string message,
                    std::string accepted = {});

/// T or an Error, shaped like std::expected so it can be swapped for it later.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}     // NOLINT(google-explicit-constructor)
  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

/// Result for operations that return nothing on success.
struct Ok {};
using Status = Result<Ok>;

/// One CSV field, quoted (RFC 4180) when it holds a comma, quote or line break.
std::string csv_field(std::string_view value);

[[noreturn]] void assertion_failed(const char* cond, const char* why, const char* file, int line);

}  // namespace speciosa

/// Programmer-error check, on in every build (DuckDB D_ASSERT): never for user input.
#define SPECIOSA_ASSERT(cond, why) \
  ((cond) ? (void)0 : ::speciosa::assertion_failed(#cond, why, __FILE__, __LINE__))

namespace speciosa::units {

/// Physical kinds of quantity that the parser knows.
enum class Kind { kMass, kFraction, kDuration, kCount };

/// A parsed quantity in canonical units: mass in mg, fraction in 0..1, duration in hours,
/// count in servings (tablets, capsules, shots).
struct Quantity {
  double value = 0;
  Kind kind = Kind::kMass;
  std::string unit;  ///< the unit as typed, normalised ("g", "mg", "%", "h", "serving")
};

/// Parses "2g", "2 g", "2000mg", "0.5kg", "500ug", "1.5%", "1.5 %", "8h", "30min", "2d",
/// "1w", "2 tablets". `field` names the option for error messages.
Result<Quantity> parse_quantity(std::string_view text, std::string_view field);

/// A mass in mg ("2g" -> 2000). Rejects non-mass units and bare numbers.
Result<double> parse_mass_mg(std::string_view text, std::string_view field);
/// A fraction from "1.5%" or "0.015" (bare numbers in 0..1 are accepted as fractions).
Result<double> parse_fraction(std::string_view text, std::string_view field);
/// A duration in hours from "8h", "30min", "2d", "1w".
Result<double> parse_duration_h(std::string_view text, std::string_view field);

/// Comma-separated list of durations: "0,6,12" (hours) or "0h,6h,30min".
/// Bare numbers are hours here, because the option name says so (--at).
Result<std::vector<double>> parse_time_list_h(std::string_view text, std::string_view field);

/// Conversions between mass concentration and molar concentration.
constexpr double ng_ml_from_nm(double conc_nm, double molar_mass_g_mol) {
  return conc_nm * molar_mass_g_mol / 1000.0;
}
constexpr double nm_from_ng_ml(double conc_ng_ml, double molar_mass_g_mol) {
  return conc_ng_ml * 1000.0 / molar_mass_g_mol;
}
/// mg of a compound to nmol.
constexpr double nmol_from_mg(double amount_mg, double molar_mass_g_mol) {
  return amount_mg * 1.0e6 / molar_mass_g_mol;
}

}  // namespace speciosa::units

namespace speciosa::check {

/// Named argument checks (Stan-style). Each returns an Error naming function and field.
Status positive_finite(std::string_view where, std::string_view field, double value);
Status non_negative_finite(std::string_view where, std::string_view field, double value);
Status in_range(std::string_view where, std::string_view field, double value, double lo,
                double hi, std::string_view unit = {});

/// Closest names to `wanted` by edit distance, best first, at most `n`.
std::vector<std::string> closest(std::string_view wanted, const std::vector<std::string>& names,
                                 std::size_t n = 3);
/// Levenshtein distance, case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace speciosa::check
