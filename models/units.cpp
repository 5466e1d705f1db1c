#include "models/units.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <utility>

#include "models/source_error.hpp"
#include "sim/time.hpp"

namespace models::units {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

[[noreturn]] void bad(std::string_view text, const char* expected) {
  throw std::invalid_argument(std::string("expected ") + expected + ", got " + echo(text));
}

// Splits "12.5 min" into 12.5 and "min". The number must be finite.
std::pair<double, std::string_view> split(std::string_view text, const char* expected) {
  std::string_view s = trim(text);
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end == s.data() || !std::isfinite(v)) bad(text, expected);
  return {v, trim(std::string_view(end, static_cast<std::size_t>(s.data() + s.size() - end)))};
}

double seconds_per(std::string_view unit) {
  if (unit == "s" || unit == "sec") return 1;
  if (unit == "min") return sim::kMinute;
  if (unit == "h") return sim::kHour;
  if (unit == "d" || unit == "day") return sim::kDay;
  if (unit == "w" || unit == "week") return sim::kWeek;
  return 0;
}

int two_digits(std::string_view s, std::size_t at) {
  if (at + 2 > s.size() || !std::isdigit(static_cast<unsigned char>(s[at])) ||
      !std::isdigit(static_cast<unsigned char>(s[at + 1])))
    return -1;
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

// Days since 1970-01-01 (H. Hinnant's days_from_civil).
long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

}  // namespace

double duration(std::string_view text) {
  constexpr const char* what = "a duration with a unit such as '90s', '12min', '3h', '2d' or '1w'";
  auto [v, unit] = split(text, what);
  double f = seconds_per(unit);
  if (f == 0) bad(text, what);
  // Past this a clock in double seconds loses its minutes, and v * f may overflow to infinity.
  if (!(std::abs(v * f) <= kMaxDuration_s))
    throw OutOfRange("a duration must be at most " + std::string(kMaxDurationText) +
                     " (100 years), got " + echo(text));
  return v * f;
}

double rate(std::string_view text) {
  constexpr const char* what = "a rate such as '300/day', '12/h' or '0.5/min'";
  auto [v, unit] = split(text, what);
  if (unit.empty() || unit.front() != '/') bad(text, what);
  double f = seconds_per(trim(unit.substr(1)));
  if (f == 0) bad(text, what);
  return v / f;
}

double mass(std::string_view text) {
  constexpr const char* what = "a mass such as '25t' or '500kg'";
  auto [v, unit] = split(text, what);
  if (unit == "t") return v * 1000;
  if (unit == "kg") return v;
  bad(text, what);
}

double distance(std::string_view text) {
  constexpr const char* what = "a distance such as '154km' or '800m'";
  auto [v, unit] = split(text, what);
  if (unit == "km") return v;
  if (unit == "m") return v / 1000;
  bad(text, what);
}

Money money(std::string_view text) {
  constexpr const char* what =
      "an amount with a currency such as '40000USD', '800 CNY' or '2e9 VND'";
  auto [v, unit] = split(text, what);
  if (unit.size() != 3) bad(text, what);
  for (char c : unit)
    if (!std::isupper(static_cast<unsigned char>(c))) bad(text, what);
  return Money{v, std::string(unit)};
}

double time_of_day(std::string_view text) {
  constexpr const char* what = "a time of day 'HH:MM' (00:00 to 24:00)";
  std::string_view s = trim(text);
  if (s.size() != 5 || s[2] != ':') bad(text, what);
  int h = two_digits(s, 0), m = two_digits(s, 3);
  if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0)) bad(text, what);
  return h * sim::kHour + m * sim::kMinute;
}

long date(std::string_view text) {
  constexpr const char* what = "a date 'YYYY-MM-DD'";
  std::string_view s = trim(text);
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') bad(text, what);
  int hi = two_digits(s, 0), lo = two_digits(s, 2), mo = two_digits(s, 5), d = two_digits(s, 8);
  if (hi < 0 || lo < 0 || mo < 1 || mo > 12 || d < 1) bad(text, what);
  long y = hi * 100 + lo;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max_day = kDays[mo - 1] + (mo == 2 && leap ? 1 : 0);
  if (d > max_day) bad(text, what);
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
}

std::string format_date(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", y + (m <= 2), m, d);
  return buf;
}

}  // namespace models::units
