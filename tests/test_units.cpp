#include <gtest/gtest.h>

#include "models/units.hpp"

namespace {

namespace u = models::units;

TEST(Units, Durations) {
  EXPECT_EQ(u::duration("90s"), 90);
  EXPECT_EQ(u::duration("12min"), 720);
  EXPECT_EQ(u::duration("1.5 h"), 5400);
  EXPECT_EQ(u::duration("2d"), 172800);
  EXPECT_EQ(u::duration("1w"), 7 * 86400);
  EXPECT_EQ(u::duration("2.5w"), 2.5 * 7 * 86400);
  EXPECT_EQ(u::duration("1 week"), 7 * 86400);
  EXPECT_THROW(u::duration("12"), std::invalid_argument);
  EXPECT_THROW(u::duration("12 minutes"), std::invalid_argument);
  EXPECT_THROW(u::duration("abc"), std::invalid_argument);
  try {
    u::duration("3 hours");
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "expected a duration with a unit such as '90s', '12min', '3h', '2d' or '1w', got "
                 "'3 hours'");
  }
}

TEST(Units, RatesMassesMoney) {
  EXPECT_DOUBLE_EQ(u::rate("300/day"), 300.0 / 86400);
  EXPECT_DOUBLE_EQ(u::rate("12/h"), 12.0 / 3600);
  EXPECT_THROW(u::rate("300"), std::invalid_argument);
  EXPECT_THROW(u::rate("300/fortnight"), std::invalid_argument);
  EXPECT_EQ(u::mass("25t"), 25000);
  EXPECT_EQ(u::mass("500kg"), 500);
  auto m = u::money("40000USD");
  EXPECT_EQ(m.amount, 40000);
  EXPECT_EQ(m.currency, "USD");
  EXPECT_EQ(u::money("2e9 VND").amount, 2e9);
  EXPECT_THROW(u::money("40000 usd"), std::invalid_argument);
}

TEST(Units, TimesDates) {
  EXPECT_EQ(u::time_of_day("07:00"), 7 * 3600);
  EXPECT_EQ(u::time_of_day("24:00"), 86400);
  EXPECT_THROW(u::time_of_day("25:00"), std::invalid_argument);
  EXPECT_THROW(u::time_of_day("7:00"), std::invalid_argument);
  EXPECT_EQ(u::date("1970-01-01"), 0);
  EXPECT_EQ(u::date("2025-06-15") - u::date("2025-06-14"), 1);
  EXPECT_EQ(u::date("2024-03-01") - u::date("2024-02-28"), 2);  // leap year
  EXPECT_THROW(u::date("2023-02-29"), std::invalid_argument);
  EXPECT_THROW(u::date("2025-13-01"), std::invalid_argument);
  EXPECT_EQ(u::format_date(u::date("2025-05-08")), "2025-05-08");
}

}  // namespace
