#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "models/loader.hpp"
#include "report/svg.hpp"

#ifndef BORDERSIM_SOURCE_DIR
#error "BORDERSIM_SOURCE_DIR must name the source tree"
#endif

namespace {

using namespace outputs::svg;

TEST(Svg, EscapesNames) {
  EXPECT_EQ(escape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
  Chart ch("c1", "Queue <at> Bac Son & Hekou");
  ch.x_axis("days", 0, 10);
  ch.y_axis("vehicles", 0, 5);
  Series s;
  s.name = "stage \"x\" <y>";
  s.x = {0, 5, 10};
  s.y = {1, 2, 3};
  ch.line(s);
  const std::string out = ch.svg();
  EXPECT_EQ(out.find("<at>"), std::string::npos);
  EXPECT_NE(out.find("Queue &lt;at&gt; Bac Son &amp; Hekou"), std::string::npos);
  EXPECT_NE(out.find("stage &quot;x&quot; &lt;y&gt;"), std::string::npos);
}

TEST(Svg, ScaleMapsDomainToRange) {
  Scale s{0, 10, 100, 200};
  EXPECT_DOUBLE_EQ(s(0), 100);
  EXPECT_DOUBLE_EQ(s(5), 150);
  EXPECT_DOUBLE_EQ(s(10), 200);
  Scale inverted{0, 4, 300, 20};  // y axes grow upwards
  EXPECT_DOUBLE_EQ(inverted(4), 20);
  EXPECT_DOUBLE_EQ(inverted(1), 230);
}

TEST(Svg, NiceTicksAreRoundAndCoverTheRange) {
  EXPECT_EQ(nice_ticks(0, 10, 5), (std::vector<double>{0, 2, 4, 6, 8, 10}));
  EXPECT_EQ(nice_ticks(0, 1, 5), (std::vector<double>{0, 0.2, 0.4, 0.6, 0.8, 1}));
  auto t = nice_ticks(0.3, 97, 5);
  EXPECT_EQ(t.front(), 20);
  EXPECT_EQ(t.back(), 80);
  for (std::size_t i = 1; i < t.size(); ++i) EXPECT_DOUBLE_EQ(t[i] - t[i - 1], 20);
  auto big = nice_ticks(0, 3650, 8);
  EXPECT_DOUBLE_EQ(big[1] - big[0], 500);
  EXPECT_EQ(tick_label(2500), "2500");
  EXPECT_EQ(tick_label(25000), "25k");
  EXPECT_EQ(tick_label(1.5e6), "1.5M");
  EXPECT_EQ(tick_label(0.25), "0.25");
  EXPECT_EQ(tick_label(2.0), "2");
}

TEST(Svg, SeriesStylesDifferInColourAndDash) {
  for (std::size_t i = 0; i < 4; ++i)
    for (std::size_t j = 0; j < i; ++j) {
      Style a = series_style(i), b = series_style(j);
      EXPECT_TRUE(a.colour != b.colour && a.dash != b.dash) << i << " " << j;
    }
}

TEST(Svg, BarsDrawWhiskersAndMarks) {
  const std::string out =
      Chart::bars("b", "Difference", "hours",
                  {Bar{"fruit", -0.5, -0.7, -0.3, true}, Bar{"general", 0.1, -0.2, 0.4, false}},
                  "* significant");
  EXPECT_NE(out.find("fruit *"), std::string::npos);
  EXPECT_EQ(out.find("general *"), std::string::npos);
  std::size_t whiskers = 0;
  for (std::size_t p = 0; (p = out.find("class=\"whisker\"", p)) != std::string::npos; ++p)
    ++whiskers;
  EXPECT_EQ(whiskers, 2u);
}

}  // namespace

namespace {

using namespace outputs::svg;

std::vector<std::string> cargo_of_shipped_scenarios() {
  std::vector<std::string> names;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(BORDERSIM_SOURCE_DIR) + "/scenarios")) {
    if (e.path().extension() != ".yaml") continue;
    for (const models::Cargo& c : models::load_scenario(e.path().string()).cargo)
      if (std::find(names.begin(), names.end(), c.id) == names.end()) names.push_back(c.id);
  }
  names.push_back("empty trucks");
  return names;
}

TEST(Colours, ShippedCargoClassesPreferDifferentColours) {
  // Then each keeps its colour in every report, whatever the other classes of its scenario.
  const std::vector<std::string> names = cargo_of_shipped_scenarios();
  ASSERT_GE(names.size(), 5u);
  std::set<std::size_t> slots;
  for (const std::string& n : names) {
    EXPECT_LT(preferred_slot(n), kPaletteSize) << n;
    EXPECT_TRUE(slots.insert(preferred_slot(n)).second) << n << " shares its colour";
  }
}

TEST(Colours, NoTwoNamesOfAMapShareAStyleAndTheSameSetGetsTheSameStyles) {
  std::vector<std::string> names;
  for (int i = 0; i < 30; ++i) names.push_back("stop_" + std::to_string(i));
  const ColourMap a(names);
  std::set<std::pair<std::string, std::string>> seen;
  for (const std::string& n : names)
    EXPECT_TRUE(seen.insert({a.of(n).colour, a.of(n).dash}).second) << n;
  std::vector<std::string> reversed(names.rbegin(), names.rend());
  const ColourMap b(reversed);
  for (const std::string& n : names) {
    EXPECT_EQ(a.of(n).colour, b.of(n).colour);
    EXPECT_EQ(a.of(n).dash, b.of(n).dash);
  }
  // A name without a rival keeps its preferred colour, solid.
  const ColourMap one({"fresh_fruit"});
  EXPECT_EQ(one.of("fresh_fruit").colour, palette_colour(preferred_slot("fresh_fruit")));
  EXPECT_EQ(one.of("fresh_fruit").dash, "");
}

TEST(TimeAxis, TicksAtLocalMidnightsWithDatesAndAtClockTimesWithinADay) {
  // 2025-04-07 00:00 at UTC+7 (a Monday).
  const Calendar cal{1743958800.0, 7 * 3600, "UTC+7"};
  const std::vector<TimeTick> days = time_ticks(cal, 0, 14 * 86400.0);
  ASSERT_GE(days.size(), 5u);
  EXPECT_EQ(days.front().t, 0);
  EXPECT_EQ(days.front().date, "7 Apr");
  EXPECT_EQ(days.front().extra, "Mon");
  EXPECT_EQ(days.front().time, "");
  for (const TimeTick& t : days) EXPECT_EQ(std::fmod(t.t, 86400.0), 0) << t.date;
  const std::vector<TimeTick> hours = time_ticks(cal, 18 * 3600.0, 30 * 3600.0);
  ASSERT_FALSE(hours.empty());
  EXPECT_EQ(hours.front().time, "18:00");
  EXPECT_EQ(hours.front().date, "7 Apr");  // the first tick says its date
  bool next_day = false;
  for (const TimeTick& t : hours)
    if (t.time == "00:00") {
      EXPECT_EQ(t.date, "8 Apr");
      next_day = true;
    } else if (&t != &hours.front()) {
      EXPECT_EQ(t.date, "") << t.time;
    }
  EXPECT_TRUE(next_day);
  EXPECT_EQ(years_text(cal, 0, 86400), "2025");
  EXPECT_EQ(years_text(cal, 0, 300 * 86400.0), "2025-2026");
}

TEST(Chart, LegendSitsBelowThePlotAndTimeAxesCarryDates) {
  Chart ch("c", "Queues", 760, 300);
  ch.x_time(Calendar{1743958800.0, 7 * 3600, "UTC+7"}, 0, 3 * 86400.0);
  ch.y_axis("vehicles", 0, 10);
  for (const char* n : {"a.stop", "b.stop", "c.stop"}) {
    Series s;
    s.name = n;
    s.x = {0, 86400, 2 * 86400.0};
    s.y = {1, 5, 9};
    ch.line(s);
  }
  const std::string out = ch.svg();
  EXPECT_NE(out.find("class=\"tick tick-date\""), std::string::npos);
  EXPECT_NE(out.find(">8 Apr<"), std::string::npos);
  // Every legend entry below the plot area (its bottom at 300 - 62).
  for (std::size_t p = 0; (p = out.find("class=\"legend\"", p)) != std::string::npos; ++p) {
    const std::size_t y = out.find(" y=\"", p);
    EXPECT_GT(std::stod(out.substr(y + 4)), 300.0) << out.substr(p, 80);
  }
  EXPECT_NE(out.find("height=\"3"), std::string::npos);  // the svg grew to hold the legend
}

TEST(Chart, BarsInTheirOwnColoursWithTaggedSwatchesAndNotes) {
  Bar b{"fresh_fruit", 2, 1, 3, false};
  b.colour = "#123456";
  b.swatch = "#abcdef";
  b.swatch_tag = Tag{"cargo", "fresh_fruit"};
  b.note = "1.0 → 2.0 h";
  const std::string out = Chart::bars("b", "t", "h", {b});
  EXPECT_NE(out.find("fill=\"#123456\""), std::string::npos);
  EXPECT_NE(out.find("class=\"swatch\" data-cargo=\"fresh_fruit\""), std::string::npos);
  EXPECT_NE(out.find("1.0 → 2.0 h"), std::string::npos);
}

}  // namespace
