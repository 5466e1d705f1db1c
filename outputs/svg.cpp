#include "outputs/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace outputs::svg {

namespace {
constexpr int kLeft = 70, kRight = 20, kTop = 34, kBottom = 46;
std::string num(double v) {
  return fmt::format("{:.1f}", v);
}

// The opening of a horizontal-bar chart: the <svg> element, its title, vertical grid lines with
// tick labels between `top` and `bottom`, and the unit under the axis.
std::string bar_frame(const std::string& id, const std::string& title, const std::string& unit,
                      int w, int h, const Scale& x, const std::vector<double>& ticks, int top,
                      int bottom, int label_w, int unit_dy) {
  std::string s = fmt::format(
      "<svg id=\"{}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" "
      "height=\"{}\" viewBox=\"0 0 {} {}\" "
      "role=\"img\" aria-label=\"{}\">",
      escape(id), w, h, w, h, escape(title));
  s += fmt::format("<text x=\"10\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{}</text>",
                   escape(title));
  for (double t : ticks) {
    s += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#ddd\"/>",
                     num(x(t)), top, bottom);
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
                     num(x(t)), bottom + 15, tick_label(t));
  }
  s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
                   (label_w + w) / 2, bottom + unit_dy, escape(unit));
  return s;
}
}  // namespace

std::string escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::vector<double> nice_ticks(double lo, double hi, int count) {
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return {lo};
  const double raw = (hi - lo) / std::max(1, count);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / mag;
  const double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  std::vector<double> ticks;
  // k x step from an integer k, rounded to 12 significant digits: 0.6, not 0.6000000000000001.
  for (double k = std::ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k += 1) {
    const double t = k * step;
    ticks.push_back(t == 0 ? 0.0 : std::stod(fmt::format("{:.12g}", t)));
  }
  return ticks;
}

std::string tick_label(double v) {
  const double a = std::abs(v);
  auto trim = [](std::string s) {
    if (s.find('.') != std::string::npos) {
      while (!s.empty() && s.back() == '0') s.pop_back();
      if (!s.empty() && s.back() == '.') s.pop_back();
    }
    return s;
  };
  if (a >= 1e6) return trim(fmt::format("{:.2f}", v / 1e6)) + "M";
  if (a >= 1e4) return trim(fmt::format("{:.1f}", v / 1e3)) + "k";
  if (a >= 100) return fmt::format("{:.0f}", v);
  if (a >= 1) return trim(fmt::format("{:.2f}", v));
  return trim(fmt::format("{:.3g}", v));
}

Style series_style(std::size_t i) {
  // Alternating dark and light tones of distinct hues (Okabe-Ito based), with dash patterns.
  static const char* colours[] = {"#0b3c5d", "#e69f00", "#2a7f62", "#cc79a7",
                                  "#56b4e9", "#7a4b00", "#999999", "#d55e00"};
  static const char* dashes[] = {"", "6 3", "2 2", "8 3 2 3", "", "4 4", "1 3", "10 4"};
  return Style{colours[i % 8], dashes[i % 8]};
}

Chart::Chart(std::string id, std::string title, int width, int height)
    : id_(std::move(id)), title_(std::move(title)), w_(width), h_(height) {}

void Chart::x_axis(std::string label, double lo, double hi) {
  x_label_ = std::move(label);
  x_lo_ = lo;
  x_hi_ = hi > lo ? hi : lo + 1;
  x_ = Scale{x_lo_, x_hi_, static_cast<double>(kLeft), static_cast<double>(w_ - kRight)};
}

void Chart::y_axis(std::string label, double lo, double hi) {
  y_label_ = std::move(label);
  y_lo_ = lo;
  y_hi_ = hi > lo ? hi : lo + 1;
  y_ = Scale{y_lo_, y_hi_, static_cast<double>(h_ - kBottom), static_cast<double>(kTop)};
}

void Chart::shade(double x0, double x1, std::string label) {
  x0 = std::max(x0, x_lo_);
  x1 = std::min(x1, x_hi_);
  if (x1 <= x0) return;
  shades_.push_back(fmt::format(
      "<rect class=\"shade\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#000\" "
      "fill-opacity=\"0.07\"><title>{}</title></rect>",
      num(x_(x0)), kTop, num(x_(x1) - x_(x0)), h_ - kTop - kBottom, escape(label)));
}

void Chart::line(const Series& s) {
  const std::size_t k = legend_.size();
  const Style st = series_style(k);
  if (!s.lo.empty() && s.lo.size() == s.x.size()) {
    std::string pts;
    for (std::size_t i = 0; i < s.x.size(); ++i)
      pts += num(x_(s.x[i])) + "," + num(y_(s.hi[i])) + " ";
    for (std::size_t i = s.x.size(); i-- > 0;)
      pts += num(x_(s.x[i])) + "," + num(y_(s.lo[i])) + " ";
    body_.push_back(
        fmt::format("<polygon points=\"{}\" fill=\"{}\" fill-opacity=\"0.18\" stroke=\"none\"/>",
                    pts, st.colour));
  }
  std::string pts;
  for (std::size_t i = 0; i < s.x.size(); ++i) pts += num(x_(s.x[i])) + "," + num(y_(s.y[i])) + " ";
  body_.push_back(fmt::format(
      "<polyline class=\"series\" points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.6\"{}>"
      "<title>{}</title></polyline>",
      pts, st.colour, st.dash.empty() ? "" : " stroke-dasharray=\"" + st.dash + "\"",
      escape(s.name)));
  legend_.emplace_back(s.name, k);
}

void Chart::vline(double x, std::string label, std::size_t style) {
  const Style st = series_style(style);
  body_.push_back(fmt::format(
      "<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"{3}\" stroke-width=\"1.5\" "
      "stroke-dasharray=\"4 2\"/><text x=\"{4}\" y=\"{5}\" font-size=\"11\" "
      "fill=\"{3}\">{6}</text>",
      num(x_(x)), kTop, h_ - kBottom, st.colour, num(x_(x) + 3), kTop + 12, escape(label)));
}

void Chart::histogram(const std::vector<double>& edges, const std::vector<double>& counts,
                      std::size_t style) {
  const Style st = series_style(style);
  for (std::size_t i = 0; i + 1 < edges.size() && i < counts.size(); ++i) {
    const double x0 = x_(edges[i]), x1 = x_(edges[i + 1]), y = y_(counts[i]);
    body_.push_back(fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" fill-opacity=\"0.75\"/>",
        num(x0), num(y), num(std::max(0.5, x1 - x0 - 0.5)), num(y_(y_lo_) - y), st.colour));
  }
}

std::string Chart::svg() const {
  std::string s = fmt::format(
      "<svg id=\"{}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" "
      "height=\"{}\" viewBox=\"0 0 {} {}\" "
      "role=\"img\" aria-label=\"{}\">",
      escape(id_), w_, h_, w_, h_, escape(title_));
  s += fmt::format("<text x=\"{}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{}</text>", kLeft,
                   escape(title_));
  for (const auto& sh : shades_) s += sh;
  // Axes with ticks and grid lines.
  for (double t : nice_ticks(y_lo_, y_hi_)) {
    const double y = y_(t);
    s += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"#ddd\"/>", kLeft,
                     w_ - kRight, num(y), num(y));
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
                     kLeft - 6, num(y + 4), tick_label(t));
  }
  for (double t : nice_ticks(x_lo_, x_hi_, 8)) {
    const double x = x_(t);
    s += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"#555\"/>", num(x),
                     num(x), h_ - kBottom, h_ - kBottom + 5);
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
                     num(x), h_ - kBottom + 17, tick_label(t));
  }
  s += fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"#555\"/>", kLeft,
                   w_ - kRight, h_ - kBottom);
  s += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#555\"/>", kLeft,
                   kTop, h_ - kBottom);
  s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
                   (kLeft + w_ - kRight) / 2, h_ - 8, escape(x_label_));
  s += fmt::format(
      "<text transform=\"translate(16,{}) rotate(-90)\" font-size=\"12\" "
      "text-anchor=\"middle\">{}</text>",
      (kTop + h_ - kBottom) / 2, escape(y_label_));
  for (const auto& b : body_) s += b;
  // Legend, top right, one row per series with its line style.
  double ly = kTop + 4;
  for (const auto& [name, k] : legend_) {
    const Style st = series_style(k);
    s += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\"{}/>",
        w_ - kRight - 190, w_ - kRight - 165, num(ly), num(ly), st.colour,
        st.dash.empty() ? "" : " stroke-dasharray=\"" + st.dash + "\"");
    s += fmt::format("<text class=\"legend\" x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
                     w_ - kRight - 160, num(ly + 4), escape(name));
    ly += 15;
  }
  s += "</svg>";
  return s;
}

std::string Chart::bars(const std::string& id, const std::string& title, const std::string& unit,
                        const std::vector<Bar>& bars, const std::string& marked_note) {
  const int row = 22, label_w = 300, w = 760, top = 34;
  const int h = top + row * static_cast<int>(std::max<std::size_t>(bars.size(), 1)) + 44;
  double lo = 0, hi = 0;
  for (const Bar& b : bars) {
    lo = std::min({lo, b.value, b.lo});
    hi = std::max({hi, b.value, b.hi});
  }
  if (hi <= lo) hi = lo + 1;
  const std::vector<double> ticks = nice_ticks(lo, hi, 6);
  lo = std::min(lo, ticks.front());
  hi = std::max(hi, ticks.back());
  Scale x{lo, hi, static_cast<double>(label_w), static_cast<double>(w - 20)};
  const int bottom = top + row * static_cast<int>(bars.size());
  std::string s = bar_frame(id, title, unit, w, h, x, ticks, top, bottom, label_w, 34);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double y = top + row * static_cast<double>(i);
    const double x0 = x(std::min(0.0, b.value)), x1 = x(std::max(0.0, b.value));
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}{}</text>",
                     label_w - 6, num(y + 15), escape(b.label), b.marked ? " *" : "");
    s += fmt::format(
        "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: "
        "{}</title></rect>",
        num(x0), num(y + 4), num(std::max(0.5, x1 - x0)), row - 8, b.marked ? "#0b3c5d" : "#8fa9bf",
        escape(b.label), tick_label(b.value));
    if (b.hi > b.lo) {
      const double yc = y + row / 2.0;
      s += fmt::format(
          "<line class=\"whisker\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"#000\"/>",
          num(x(b.lo)), num(x(b.hi)), num(yc), num(yc));
      s += fmt::format(
          "<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#000\"/><line x1=\"{3}\" "
          "x2=\"{3}\" y1=\"{1}\" "
          "y2=\"{2}\" stroke=\"#000\"/>",
          num(x(b.lo)), num(yc - 4), num(yc + 4), num(x(b.hi)));
    }
  }
  if (lo < 0)
    s += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#000\"/>",
                     num(x(0)), top, bottom);
  if (!marked_note.empty())
    s += fmt::format("<text x=\"10\" y=\"{}\" font-size=\"11\">{}</text>", bottom + 34,
                     escape(marked_note));
  s += "</svg>";
  return s;
}

std::string Chart::stacked(const std::string& id, const std::string& title, const std::string& unit,
                           const std::vector<std::string>& rows,
                           const std::vector<std::string>& segments,
                           const std::vector<std::vector<double>>& values) {
  const int row = 26, label_w = 200, w = 760, top = 34;
  const int legend_h = 16 * static_cast<int>((segments.size() + 2) / 3);
  const int h = top + row * static_cast<int>(std::max<std::size_t>(rows.size(), 1)) + 44 + legend_h;
  double hi = 0;
  for (const auto& r : values) {
    double sum = 0;
    for (double v : r) sum += std::max(0.0, v);
    hi = std::max(hi, sum);
  }
  if (hi <= 0) hi = 1;
  const std::vector<double> ticks = nice_ticks(0, hi, 6);
  hi = std::max(hi, ticks.back());
  Scale x{0, hi, static_cast<double>(label_w), static_cast<double>(w - 20)};
  const int bottom = top + row * static_cast<int>(rows.size());
  std::string s = bar_frame(id, title, unit, w, h, x, ticks, top, bottom, label_w, 32);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double y = top + row * static_cast<double>(i);
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
                     label_w - 6, num(y + 17), escape(rows[i]));
    double acc = 0;
    for (std::size_t k = 0; k < segments.size() && k < values[i].size(); ++k) {
      const double v = std::max(0.0, values[i][k]);
      if (v <= 0) continue;
      const Style st = series_style(k);
      s += fmt::format(
          "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" "
          "stroke=\"#fff\"><title>{} / {}: "
          "{}</title></rect>",
          num(x(acc)), num(y + 4), num(x(acc + v) - x(acc)), row - 8, st.colour, escape(rows[i]),
          escape(segments[k]), tick_label(v));
      acc += v;
    }
  }
  for (std::size_t k = 0; k < segments.size(); ++k) {
    const double lx = 10 + 250.0 * static_cast<double>(k % 3),
                 ly = bottom + 44 + 16.0 * static_cast<double>(k / 3);
    s += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"10\" fill=\"{}\"/><text class=\"legend\" "
        "x=\"{}\" y=\"{}\" "
        "font-size=\"11\">{}</text>",
        num(lx), num(ly - 9), series_style(k).colour, num(lx + 16), num(ly), escape(segments[k]));
  }
  s += "</svg>";
  return s;
}

}  // namespace outputs::svg
