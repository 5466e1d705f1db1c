// Quantities with their units in the text, as users write them in scenarios:
//   durations  90s  12min  3h  2d  1w  1.5 h    -> seconds
//   rates      300/day  12/h  0.5/min          -> per second
//   masses     25t  500kg                      -> kilograms
//   money      40000USD  800 CNY  2e9 VND      -> amount and ISO currency code
//   times      07:00  19:30                    -> seconds after midnight
//   dates      2025-06-15                      -> days since 1970-01-01 (proleptic Gregorian)
// (Zones are models/zone.hpp.) Each parser throws std::invalid_argument with a message that says
// what was expected; the scenario reader adds file, line, column and key.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace models::units {

// The longest duration any key takes (horizon, service times, turnarounds): 100 years. Stated
// in the generated docs; every duration parsed here is refused past it.
inline constexpr const char* kMaxDurationText = "36500d";
inline constexpr double kMaxDuration_s = 36500.0 * 86400.0;

// A well-formed quantity past its limit: the message names the limit, so a caller that words
// its own "expected ..." for a malformed value passes this one through.
struct OutOfRange : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

double duration(std::string_view text);
double rate(std::string_view text);
double mass(std::string_view text);
double distance(std::string_view text);  // 154km, 800m -> kilometres
struct Money {
  double amount;
  std::string currency;
};
Money money(std::string_view text);
double time_of_day(std::string_view text);
long date(std::string_view text);
std::string format_date(long days);

}  // namespace models::units
