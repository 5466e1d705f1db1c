#include "models/zone.hpp"

#include <date/tz.h>
#include <fmt/core.h>

#include <cctype>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "models/suggest.hpp"

namespace models {

namespace {

constexpr const char* kExpected =
    "a time zone: 'UTC', an offset such as 'UTC+7' or 'UTC+06:30', or a name of the tz database "
    "such as 'Asia/Ho_Chi_Minh' or 'Asia/Yangon'";

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

[[noreturn]] void bad(std::string_view text, const std::string& tail = "") {
  throw std::invalid_argument(std::string("expected ") + kExpected + ", got " + echo(text) + tail);
}

int digits(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
    v = v * 10 + (c - '0');
  }
  return s.empty() ? -1 : v;
}

// "UTC+7", "UTC-03:30": sign, then H, HH or HH:MM, at most 14 hours.
Zone fixed_offset(std::string_view s, std::string_view text) {
  const int sign = s[3] == '+' ? 1 : -1;
  const std::string_view rest = s.substr(4);
  int h = -1, m = 0;
  if (rest.size() == 1 || rest.size() == 2) {
    h = digits(rest);
  } else if (rest.size() == 5 && rest[2] == ':') {
    h = digits(rest.substr(0, 2));
    m = digits(rest.substr(3));
  }
  if (h < 0 || h > 14 || m < 0 || m > 59 || (h == 14 && m > 0)) bad(text);
  return Zone{std::string(s), true, sign * (h * 3600 + m * 60)};
}

// The system's database, or a clear error when it cannot be read (no tzdata installed).
const date::tzdb& database() {
  try {
    return date::get_tzdb();
  } catch (const std::exception& e) {
    throw std::invalid_argument(
        std::string("cannot read the system's time zone database (/usr/share/zoneinfo, Debian "
                    "package tzdata): ") +
        e.what());
  }
}

// The free date::locate_zone: Debian's libdate-tz exports it, not tzdb::locate_zone.
const date::time_zone* locate(const Zone& z) {
  database();
  try {
    return date::locate_zone(z.text);
  } catch (const std::invalid_argument&) {
    throw;
  } catch (const std::exception&) {
    bad(z.text);
  }
}

date::sys_seconds sys_at(double utc_s) {
  return date::sys_seconds{std::chrono::seconds{static_cast<long long>(std::floor(utc_s))}};
}

}  // namespace

Zone parse_zone(std::string_view text) {
  const std::string_view s = trim(text);
  if (s == "UTC") return Zone{"UTC", true, 0};
  if (s.size() >= 4 && s.substr(0, 3) == "UTC" && (s[3] == '+' || s[3] == '-'))
    return fixed_offset(s, text);
  if (s.empty() || has_control(s)) bad(text, has_control(s) ? suggestion(s, {}) : "");
  const date::tzdb& db = database();
  std::vector<std::string> names;
  names.reserve(db.zones.size());
  for (const date::time_zone& tz : db.zones) {
    if (tz.name() == s) return Zone{std::string(s), false, 0};
    if (tz.name() != "localtime") names.push_back(tz.name());
  }
  bad(text, suggestion(s, names));
}

int zone_offset_at(const Zone& z, double utc_s) {
  if (z.fixed) return z.offset_s;
  return static_cast<int>(locate(z)->get_info(sys_at(utc_s)).offset.count());
}

int zone_offset_local(const Zone& z, double local_s) {
  if (z.fixed) return z.offset_s;
  const date::local_seconds t{std::chrono::seconds{static_cast<long long>(std::floor(local_s))}};
  const date::local_info info = locate(z)->get_info(t);
  if (info.result == date::local_info::nonexistent)
    throw std::invalid_argument("this local time does not exist in " + z.text +
                                " (the clocks jump past it)");
  if (info.result == date::local_info::ambiguous)
    throw std::invalid_argument("this local time happens twice in " + z.text +
                                " (the clocks go back over it)");
  return static_cast<int>(info.first.offset.count());
}

std::optional<OffsetChange> zone_change(const Zone& z, double from_utc_s, double to_utc_s) {
  if (z.fixed) return std::nullopt;
  const date::time_zone* tz = locate(z);
  date::sys_info info = tz->get_info(sys_at(from_utc_s));
  const auto before = info.offset;
  // Successive periods may differ only in their abbreviation or DST flag: skip those.
  while (info.end <= sys_at(to_utc_s)) {
    const date::sys_seconds at = info.end;
    info = tz->get_info(at);
    if (info.offset != before)
      return OffsetChange{static_cast<double>(at.time_since_epoch().count()),
                          static_cast<int>(before.count()), static_cast<int>(info.offset.count())};
  }
  return std::nullopt;
}

std::string offset_text(int offset_s) {
  if (offset_s == 0) return "UTC";
  const int a = std::abs(offset_s);
  const char sign = offset_s < 0 ? '-' : '+';
  if (a % 3600 == 0) return fmt::format("UTC{}{}", sign, a / 3600);
  return fmt::format("UTC{}{:02}:{:02}", sign, a / 3600, a % 3600 / 60);
}

std::string zone_label(const std::string& written, int offset_s) {
  if (written.empty()) return offset_text(offset_s);
  if (written.rfind("UTC", 0) == 0) return written;
  return written + ", " + offset_text(offset_s);
}

}  // namespace models
