// Time zones from the system's tz database (models/zone.hpp): every IANA name, offsets at the
// scenario's dates, fixed offsets printed as written, a misspelled name's nearest match, and a
// located refusal of a zone whose offset changes within the horizon.
#include <gtest/gtest.h>

#include "app/commands.hpp"
#include "models/loader.hpp"
#include "models/units.hpp"
#include "models/zone.hpp"
#include "support.hpp"

namespace {

// 2025-04-07 00:00 UTC, the shipped road scenario's start.
const double kApril2025 = static_cast<double>(models::units::date("2025-04-07")) * 86400;

int offset(const char* name, double utc_s = kApril2025) {
  return models::zone_offset_at(models::parse_zone(name), utc_s);
}

TEST(Zones, EveryGmsZoneFromTheDatabase) {
  EXPECT_EQ(offset("Asia/Phnom_Penh"), 7 * 3600);
  EXPECT_EQ(offset("Asia/Yangon"), 6 * 3600 + 1800);
  EXPECT_EQ(offset("Asia/Bangkok"), 7 * 3600);
  EXPECT_EQ(offset("Asia/Vientiane"), 7 * 3600);
  EXPECT_EQ(offset("Asia/Ho_Chi_Minh"), 7 * 3600);
  EXPECT_EQ(offset("Asia/Shanghai"), 8 * 3600);
  EXPECT_EQ(offset("Asia/Kolkata"), 5 * 3600 + 1800);
  EXPECT_EQ(offset("Asia/Kathmandu"), 5 * 3600 + 2700);
  EXPECT_FALSE(models::parse_zone("Asia/Yangon").fixed);
}

TEST(Zones, OffsetsDependOnTheDate) {
  const double jan = static_cast<double>(models::units::date("2025-01-15")) * 86400;
  const double jul = static_cast<double>(models::units::date("2025-07-15")) * 86400;
  EXPECT_EQ(offset("Europe/London", jan), 0);
  EXPECT_EQ(offset("Europe/London", jul), 3600);
  EXPECT_EQ(offset("America/New_York", jan), -5 * 3600);
  EXPECT_EQ(offset("America/New_York", jul), -4 * 3600);
  // Saigon was UTC+8 until 1975.
  EXPECT_EQ(
      offset("Asia/Ho_Chi_Minh", static_cast<double>(models::units::date("1970-06-01")) * 86400),
      8 * 3600);
  const auto c = models::zone_change(models::parse_zone("America/New_York"), jan, jul);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->before_s, -5 * 3600);
  EXPECT_EQ(c->after_s, -4 * 3600);
  EXPECT_EQ(models::units::format_date(static_cast<long>(c->utc_s / 86400)), "2025-03-09");
  EXPECT_FALSE(models::zone_change(models::parse_zone("Asia/Yangon"), jan, jul).has_value());
  EXPECT_FALSE(models::zone_change(models::parse_zone("UTC+06:30"), jan, jul).has_value());
}

TEST(Zones, FixedOffsetsPrintAsWritten) {
  const models::Zone z = models::parse_zone("UTC+06:30");
  EXPECT_TRUE(z.fixed);
  EXPECT_EQ(z.offset_s, 6 * 3600 + 1800);
  EXPECT_EQ(models::parse_zone("UTC-03:30").offset_s, -(3 * 3600 + 1800));
  EXPECT_EQ(models::parse_zone("UTC+7").offset_s, 7 * 3600);
  EXPECT_EQ(models::parse_zone("UTC").offset_s, 0);
  EXPECT_EQ(models::zone_label("UTC+06:30", z.offset_s), "UTC+06:30");
  EXPECT_EQ(models::zone_label("UTC+7", 7 * 3600), "UTC+7");
  EXPECT_EQ(models::zone_label("Asia/Yangon", z.offset_s), "Asia/Yangon, UTC+06:30");
  EXPECT_EQ(models::offset_text(6 * 3600 + 1800), "UTC+06:30");
  EXPECT_EQ(models::offset_text(-5 * 3600), "UTC-5");
  for (const char* bad : {"UTC+15", "UTC+7:3", "UTC+14:30", "UTC+", "UTC+ab"})
    EXPECT_THROW(models::parse_zone(bad), std::invalid_argument) << bad;
}

// The message parse_zone gives for `name`, "" when it is accepted.
std::string zone_error(const char* name) {
  try {
    models::parse_zone(name);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(Zones, UnknownNameSuggestsTheNearest) {
  EXPECT_NE(zone_error("Asia/Phnom_Phen").find("; did you mean 'Asia/Phnom_Penh'?"),
            std::string::npos);
  EXPECT_NE(zone_error("asia/yangon").find("; did you mean 'Asia/Yangon'?"), std::string::npos);
  const std::string far = zone_error("Mars/Olympus");
  EXPECT_NE(far.find("got 'Mars/Olympus'"), std::string::npos) << far;
  EXPECT_EQ(far.find("did you mean"), std::string::npos) << far;
}

std::string scenario(const std::string& start, const std::string& zone, const std::string& side,
                     const std::string& horizon) {
  return "name: z\nstart: " + start + "\ntime_zone: " + zone + "\nhorizon: " + horizon +
         "\ncargo:\n  general: {payload: 25t}\n"
         "gate_sides:\n"
         "  mm:\n    country: MM\n    time_zone: " +
         side +
         "\n    hours: {open: \"07:00\", close: \"19:00\"}\n"
         "    stages:\n      - {id: customs, servers: 2, service: 5min}\n"
         "  th:\n    country: TH\n    time_zone: UTC+7\n"
         "    hours: {open: \"07:00\", close: \"19:00\"}\n"
         "    stages:\n      - {id: customs, servers: 2, service: 5min}\n"
         "crossings:\n  gate: {sides: [mm, th]}\n"
         "flows:\n  exports:\n    direction: export\n    cargo_mix: {general: 1}\n"
         "    route: [{crossing: gate}]\n    arrivals: {rate: 100/day}\n";
}

TEST(Zones, ScenarioPlacesTakeTheirOffsetAtTheStart) {
  const auto sc = models::load_scenario_text(
      scenario("2025-04-07 06:00", "Asia/Yangon", "Asia/Yangon", "2w"), "z.yaml");
  EXPECT_EQ(sc.utc_offset_s, 23400);
  EXPECT_EQ(sc.sides[0].utc_offset_s, 23400);
  EXPECT_EQ(sc.sides[0].zone, "Asia/Yangon");
  EXPECT_EQ(sc.sides[1].zone, "UTC+7");
  EXPECT_EQ(sc.horizon_s, 14 * 86400);
  // 06:00 in Yangon is 23:30 UTC the day before.
  EXPECT_EQ(sc.epoch_s(), kApril2025 - 1800);
  app::ValidateOutcome v{"z.yaml", sc, models::analyse(sc)};
  const std::string text = app::render_validate(v);
  EXPECT_NE(text.find("(Asia/Yangon, UTC+06:30)"), std::string::npos) << text;
  EXPECT_NE(text.find("mm [MM] Asia/Yangon, UTC+06:30 open"), std::string::npos) << text;
  EXPECT_NE(text.find("th [TH] UTC+7 open"), std::string::npos) << text;
}

TEST(Zones, AChangeWithinTheHorizonIsALocatedError) {
  const std::string text = scenario("2025-03-01 00:00", "UTC+7", "America/New_York", "30d");
  try {
    models::load_scenario_text(text, "dst.yaml");
    FAIL() << "accepted";
  } catch (const models::SourceError& e) {
    EXPECT_EQ(e.file(), "dst.yaml");
    EXPECT_EQ(e.mark().line, 10);
    EXPECT_EQ(e.mark().col, 16);
    EXPECT_EQ(e.key_path(), "gate_sides.mm.time_zone");
    EXPECT_NE(e.message().find("changes from UTC-5 to UTC-4 on 2025-03-09"), std::string::npos)
        << e.what();
  }
  // Before the change it is accepted; a horizon set afterwards is checked again.
  auto sc = models::load_scenario_text(
      scenario("2025-03-01 00:00", "UTC+7", "America/New_York", "7d"), "dst.yaml");
  EXPECT_EQ(sc.sides[0].utc_offset_s, -5 * 3600);
  app::RunOptions o;
  o.horizon = "3w";
  EXPECT_THROW(app::apply_options(sc, o), models::SourceError);
}

TEST(Zones, StartInAGapIsALocatedError) {
  try {
    models::load_scenario_text(scenario("2025-03-09 02:30", "America/New_York", "UTC+7", "1d"),
                               "gap.yaml");
    FAIL() << "accepted";
  } catch (const models::SourceError& e) {
    EXPECT_EQ(e.key_path(), "start");
    EXPECT_EQ(e.mark().line, 2);
    EXPECT_NE(e.message().find("does not exist in America/New_York"), std::string::npos)
        << e.what();
  }
}

}  // namespace
