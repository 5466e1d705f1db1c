// A small SVG chart writer for the HTML report: linear scales with "nice" ticks, calendar time
// axes (dates and local clock times), axes with units, legends below the plot (never over the
// data), line series with bands, bars, whiskers, histograms and shaded intervals. Colours come
// from a colour-blind-safe palette, mapped from a series' name (ColourMap) so a cargo class or a
// stop has the same colour in every chart and every report; lines also differ in dash pattern
// where colours run out. All text is XML-escaped.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace outputs::svg {

std::string escape(const std::string& text);

// Linear map from [d0, d1] to [r0, r1].
struct Scale {
  double d0 = 0, d1 = 1, r0 = 0, r1 = 1;
  double operator()(double x) const {
    return d1 == d0 ? (r0 + r1) / 2 : r0 + (x - d0) * (r1 - r0) / (d1 - d0);
  }
};

// About `count` round tick values (1, 2 or 5 x 10^k steps) covering [lo, hi].
std::vector<double> nice_ticks(double lo, double hi, int count = 5);
// A tick label without trailing zeros: 0.5, 10, 2.5k, 1.2M.
std::string tick_label(double v);

struct Style {
  std::string colour;
  std::string dash;  // stroke-dasharray, "" for solid; bars draw a non-solid style hatched
};
// The i-th style of series that have no name to keep (dark-to-light alternation, dashes).
Style series_style(std::size_t i);

// A colour-blind-safe qualitative palette of twelve (Paul Tol's "muted" with Okabe and Ito's
// orange, blue and vermillion); past twelve names in one map, lines are dashed and bars hatched.
inline constexpr std::size_t kPaletteSize = 12;
const char* palette_colour(std::size_t i);
// Slot k: palette colour k mod 12, dash pattern k / 12 (solid for the first twelve).
Style slot_style(std::size_t slot);
// The slot a name prefers: a fixed hash of its bytes (FNV-1a), independent of the platform.
std::size_t preferred_slot(const std::string& name);

// One style per name. Each name takes its preferred slot; names that collide move, in name
// order, to the next free slot, so no two names of one map share a style, and the same set of
// names gets the same styles in every chart and every report.
class ColourMap {
 public:
  ColourMap() = default;
  explicit ColourMap(std::vector<std::string> names);
  // A name the map was not built with gets its preferred slot.
  Style of(const std::string& name) const;

 private:
  std::map<std::string, std::size_t> slot_;
};

// What a data mark stands for, written as the attribute data-<kind>="<key>" (e.g.
// data-cargo="fresh_fruit"): tests and readers find a cargo class's marks by it.
struct Tag {
  std::string kind, key;
  std::string attr() const;  // "" when kind is empty
};

struct Series {
  std::string name;
  std::vector<double> x, y;
  std::vector<double> lo, hi;  // optional band (same length as x)
  bool styled = false;         // use `style`, else the chart's next series_style
  bool markers = false;        // a dot at each point (values measured only there, e.g. a sweep)
  Style style;
  Tag tag;
};

struct Bar {
  std::string label;
  double value = 0;
  double lo = 0, hi = 0;  // whisker; lo == hi == value for none
  bool marked = false;    // e.g. significant
  std::string colour;     // "" for the default: dark when marked, light otherwise
  std::string swatch;     // a square of this colour before the label ("" none)
  Tag swatch_tag;         // what the swatch stands for (a cargo class), apart from the bar
  std::string note;       // text right of the plot, e.g. the base value
  bool hatched = false;   // drawn hatched (a style past the palette's colours)
  Tag tag;
};

// A time axis in calendar terms: simulated seconds since the start, shown as local dates and
// clock times of a place whose clock is `offset_s` ahead of UTC.
struct Calendar {
  double epoch_s = 0;  // UTC second (since 1970) of simulated t = 0
  int offset_s = 0;    // local clock minus UTC
  std::string zone;    // how the axis names it, e.g. "Asia/Ho_Chi_Minh, UTC+7"
};
struct TimeTick {
  double t = 0;       // simulated seconds
  std::string time;   // "06:00"; "" for day ticks
  std::string date;   // "7 Apr", on the first tick and where the date changes; "" otherwise
  std::string extra;  // weekday of a day tick ("Mon"), or "" for clock-time ticks
};
// Ticks at round local times (every 1, 2, 3, 6 or 12 hours, a day, two days, a week...), at
// most about `count` of them, covering [lo, hi] simulated seconds.
std::vector<TimeTick> time_ticks(const Calendar& cal, double lo, double hi, int count = 8);
// "2025" or "2025-2026": the years an axis covers.
std::string years_text(const Calendar& cal, double lo, double hi);

class Chart {
 public:
  Chart(std::string id, std::string title, int width = 760, int height = 320);
  void x_axis(std::string label, double lo, double hi);
  // x in simulated seconds, ticks in local dates and clock times.
  void x_time(const Calendar& cal, double lo_s, double hi_s);
  // x at 0, 1, ... n-1 with these labels (a swept parameter given as text).
  void x_categories(std::string label, std::vector<std::string> names);
  void y_axis(std::string label, double lo, double hi);
  void shade(double x0, double x1, std::string label);  // e.g. closed hours
  void line(const Series& s);
  void vline(double x, std::string label, std::size_t style);
  void histogram(const std::vector<double>& edges, const std::vector<double>& counts,
                 const Style& style, const Tag& tag = {});
  // One estimate at x: a dot at y with a vertical whisker lo..hi (none when lo == hi), filled or
  // hollow (e.g. its CI excludes zero or not). `title` is the hover text.
  void dot(double x, double y, double lo, double hi, const std::string& colour, bool filled,
           const std::string& title, const Tag& tag = {});
  // A horizontal reference line across the plot (e.g. zero), named in the legend.
  void hline(double y, std::string label);
  // A legend entry for dots drawn with dot().
  void dot_key(std::string name, const std::string& colour, bool filled);
  std::string svg() const;

  // Horizontal bars with optional CI whiskers, one row per bar (categorical y).
  static std::string bars(const std::string& id, const std::string& title, const std::string& unit,
                          const std::vector<Bar>& bars, const std::string& marked_note = "");
  // Horizontal stacked bars: rows x segments (values >= 0), segment names in the legend below.
  struct Stack {
    std::vector<std::string> rows, segments;
    std::vector<std::vector<double>> values;  // rows x segments
    std::vector<Style> styles;                // per segment; empty: series_style
    std::vector<std::string> swatches;        // per row, a colour before the label ("" none)
    std::vector<Tag> row_tags, segment_tags;  // optional, as rows and segments
  };
  static std::string stacked(const std::string& id, const std::string& title,
                             const std::string& unit, const Stack& stack);

 private:
  std::string id_, title_, x_label_, y_label_;
  int w_, h_;
  Scale x_, y_;
  double x_lo_ = 0, x_hi_ = 1, y_lo_ = 0, y_hi_ = 1;
  bool time_ = false;
  Calendar cal_;
  std::vector<std::string> categories_;
  std::size_t lines_ = 0;  // unstyled lines so far: the next one's series_style
  std::vector<std::string> shades_, body_;
  struct LegendItem {
    std::string name;
    Style style;
    Tag tag;
    char mark = 'l';  // 'l' a line, 'o' a filled dot, 'c' a hollow one
  };
  std::vector<LegendItem> legend_;
};

}  // namespace outputs::svg
