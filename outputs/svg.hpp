// A small SVG chart writer for the HTML report: linear scales with "nice" ticks, axes with units,
// legends, line series with bands, bars, whiskers, histograms and shaded intervals. Colours are
// picked to differ in lightness too, and lines also differ in dash pattern, so charts survive
// greyscale printing. All text is XML-escaped.
#pragma once

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
  std::string dash;  // stroke-dasharray, "" for solid
};
// The i-th series style: dark-to-light alternation and dash patterns.
Style series_style(std::size_t i);

struct Series {
  std::string name;
  std::vector<double> x, y;
  std::vector<double> lo, hi;  // optional band (same length as x)
};

struct Bar {
  std::string label;
  double value = 0;
  double lo = 0, hi = 0;  // whisker; lo == hi == value for none
  bool marked = false;    // e.g. significant
};

class Chart {
 public:
  Chart(std::string id, std::string title, int width = 760, int height = 320);
  void x_axis(std::string label, double lo, double hi);
  void y_axis(std::string label, double lo, double hi);
  void shade(double x0, double x1, std::string label);  // e.g. closed hours
  void line(const Series& s);
  void vline(double x, std::string label, std::size_t style);
  void histogram(const std::vector<double>& edges, const std::vector<double>& counts,
                 std::size_t style);
  std::string svg() const;

  // Horizontal bars with optional CI whiskers, one row per bar (categorical y).
  static std::string bars(const std::string& id, const std::string& title, const std::string& unit,
                          const std::vector<Bar>& bars, const std::string& marked_note = "");
  // Horizontal stacked bars: rows x segments (values >= 0), segment names in the legend.
  static std::string stacked(const std::string& id, const std::string& title,
                             const std::string& unit, const std::vector<std::string>& rows,
                             const std::vector<std::string>& segments,
                             const std::vector<std::vector<double>>& values);

 private:
  std::string id_, title_, x_label_, y_label_;
  int w_, h_;
  Scale x_, y_;
  double x_lo_ = 0, x_hi_ = 1, y_lo_ = 0, y_hi_ = 1;
  std::vector<std::string> shades_, body_;
  std::vector<std::pair<std::string, std::size_t>> legend_;
};

}  // namespace outputs::svg
