#include <gtest/gtest.h>

#include "outputs/svg.hpp"

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
