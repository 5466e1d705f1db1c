#include "report/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>

namespace outputs::svg {

namespace {
constexpr int kLeft = 70, kRight = 20, kTop = 34, kBottom = 46, kTimeBottom = 62;
std::string num(double v) {
  return fmt::format("{:.1f}", v);
}
std::string dash_attr(const Style& st) {
  return st.dash.empty() ? "" : " stroke-dasharray=\"" + st.dash + "\"";
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

const char* palette_colour(std::size_t i) {
  // Paul Tol's "muted" (https://personal.sron.nl/~pault/) without its pale sand, which is too
  // light for a line on white, and with Okabe and Ito's orange, blue and vermillion and a dark
  // grey: indigo, cyan, teal, green, olive, orange, rose, wine, purple, blue, vermillion, grey.
  static const char* colours[kPaletteSize] = {"#332288", "#88ccee", "#44aa99", "#117733",
                                              "#999933", "#e69f00", "#cc6677", "#882255",
                                              "#aa4499", "#0072b2", "#d55e00", "#555555"};
  return colours[i % kPaletteSize];
}

Style slot_style(std::size_t slot) {
  static const char* dashes[] = {"", "6 3", "2 2", "8 3 2 3"};
  return Style{palette_colour(slot), dashes[(slot / kPaletteSize) % 4]};
}

std::size_t preferred_slot(const std::string& name) {
  // FNV-1a (32 bits) of the name after a fixed salt, the salt chosen so that the cargo classes
  // of the shipped scenarios all prefer different colours (a test keeps it so): each keeps its
  // colour in every report, whatever the other classes of the scenario.
  std::uint32_t h = 2166136261u;
  for (unsigned char c : std::string("colour38:") + name) {
    h ^= c;
    h *= 16777619u;
  }
  return h % kPaletteSize;
}

ColourMap::ColourMap(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::set<std::size_t> taken;
  // First every name that has its slot to itself, then the others in name order: a name keeps
  // its colour unless another name of the set wants the same one.
  std::map<std::size_t, int> wanted;
  for (const std::string& n : names) wanted[preferred_slot(n)] += 1;
  for (const std::string& n : names)
    if (wanted[preferred_slot(n)] == 1) {
      slot_[n] = preferred_slot(n);
      taken.insert(preferred_slot(n));
    }
  for (const std::string& n : names) {
    if (slot_.count(n)) continue;
    std::size_t s = preferred_slot(n);
    while (taken.count(s)) ++s;
    slot_[n] = s;
    taken.insert(s);
  }
}

Style ColourMap::of(const std::string& name) const {
  auto it = slot_.find(name);
  return slot_style(it == slot_.end() ? preferred_slot(name) : it->second);
}

std::string Tag::attr() const {
  return kind.empty() ? "" : " data-" + kind + "=\"" + escape(key) + "\"";
}

Chart::Chart(std::string id, std::string title, int width, int height)
    : id_(std::move(id)), title_(std::move(title)), w_(width), h_(height) {}

void Chart::x_axis(std::string label, double lo, double hi) {
  x_label_ = std::move(label);
  x_lo_ = lo;
  x_hi_ = hi > lo ? hi : lo + 1;
  x_ = Scale{x_lo_, x_hi_, static_cast<double>(kLeft), static_cast<double>(w_ - kRight)};
}

void Chart::x_time(const Calendar& cal, double lo_s, double hi_s) {
  time_ = true;
  cal_ = cal;
  x_axis("local date and time (" + cal.zone + "), " + years_text(cal, lo_s, hi_s), lo_s, hi_s);
  y_axis(y_label_, y_lo_, y_hi_);  // the time axis's two lines of labels need more room
}

void Chart::x_categories(std::string label, std::vector<std::string> names) {
  categories_ = std::move(names);
  const double n = static_cast<double>(categories_.size());
  x_axis(std::move(label), -0.25, std::max(0.25, n - 0.75));
}

void Chart::y_axis(std::string label, double lo, double hi) {
  y_label_ = std::move(label);
  y_lo_ = lo;
  y_hi_ = hi > lo ? hi : lo + 1;
  y_ = Scale{y_lo_, y_hi_, static_cast<double>(h_ - (time_ ? kTimeBottom : kBottom)),
             static_cast<double>(kTop)};
}

void Chart::shade(double x0, double x1, std::string label) {
  x0 = std::max(x0, x_lo_);
  x1 = std::min(x1, x_hi_);
  if (x1 <= x0) return;
  const int bottom = time_ ? kTimeBottom : kBottom;
  shades_.push_back(fmt::format(
      "<rect class=\"shade\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#000\" "
      "fill-opacity=\"0.07\"><title>{}</title></rect>",
      num(x_(x0)), kTop, num(x_(x1) - x_(x0)), h_ - kTop - bottom, escape(label)));
  const bool listed = std::any_of(legend_.begin(), legend_.end(),
                                  [&](const LegendItem& l) { return l.name == label; });
  if (!listed) legend_.push_back(LegendItem{label, Style{"shade", ""}, {}});
}

void Chart::line(const Series& s) {
  const Style st = s.styled ? s.style : series_style(lines_++);
  if (!s.lo.empty() && s.lo.size() == s.x.size()) {
    std::string pts;
    for (std::size_t i = 0; i < s.x.size(); ++i)
      pts += num(x_(s.x[i])) + "," + num(y_(s.hi[i])) + " ";
    for (std::size_t i = s.x.size(); i-- > 0;)
      pts += num(x_(s.x[i])) + "," + num(y_(s.lo[i])) + " ";
    body_.push_back(
        fmt::format("<polygon class=\"band\" points=\"{}\" fill=\"{}\" fill-opacity=\"0.16\" "
                    "stroke=\"none\"/>",
                    pts, st.colour));
  }
  std::string pts;
  for (std::size_t i = 0; i < s.x.size(); ++i) pts += num(x_(s.x[i])) + "," + num(y_(s.y[i])) + " ";
  body_.push_back(
      fmt::format("<polyline class=\"series\"{} points=\"{}\" fill=\"none\" stroke=\"{}\" "
                  "stroke-width=\"1.8\"{}><title>{}</title></polyline>",
                  s.tag.attr(), pts, st.colour, dash_attr(st), escape(s.name)));
  if (s.markers)
    for (std::size_t i = 0; i < s.x.size(); ++i)
      body_.push_back(fmt::format(
          "<circle class=\"point\" cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{}\"><title>{}: "
          "{}</title></circle>",
          num(x_(s.x[i])), num(y_(s.y[i])), st.colour, escape(s.name), tick_label(s.y[i])));
  legend_.push_back(LegendItem{s.name, st, s.tag});
}

void Chart::vline(double x, std::string label, std::size_t style) {
  // A marker across the plot (a percentile, the end of the warm-up), named in the legend below
  // rather than in a label over the data.
  const Style st{series_style(style).colour, "4 2"};
  const int bottom = time_ ? kTimeBottom : kBottom;
  body_.push_back(fmt::format(
      "<line class=\"marker\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"{3}\" "
      "stroke-width=\"1.5\" stroke-dasharray=\"4 2\"><title>{4}</title></line>",
      num(x_(x)), kTop, h_ - bottom, st.colour, escape(label)));
  legend_.push_back(LegendItem{std::move(label), st, {}});
}

void Chart::histogram(const std::vector<double>& edges, const std::vector<double>& counts,
                      const Style& st, const Tag& tag) {
  for (std::size_t i = 0; i + 1 < edges.size() && i < counts.size(); ++i) {
    const double x0 = x_(edges[i]), x1 = x_(edges[i + 1]), y = y_(counts[i]);
    body_.push_back(fmt::format(
        "<rect class=\"hist\"{} x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" "
        "fill-opacity=\"0.8\"/>",
        tag.attr(), num(x0), num(y), num(std::max(0.5, x1 - x0 - 0.5)), num(y_(y_lo_) - y),
        st.colour));
  }
}

void Chart::dot(double x, double y, double lo, double hi, const std::string& colour, bool filled,
                const std::string& title, const Tag& tag) {
  if (hi > lo)
    body_.push_back(fmt::format(
        "<line class=\"whisker\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"{3}\" "
        "stroke-width=\"1.2\"/>",
        num(x_(x)), num(y_(lo)), num(y_(hi)), colour));
  body_.push_back(fmt::format(
      "<circle class=\"point\"{} cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{}\" stroke=\"{}\" "
      "stroke-width=\"1.5\"><title>{}</title></circle>",
      tag.attr(), num(x_(x)), num(y_(y)), filled ? colour : "#fff", colour, escape(title)));
}

void Chart::hline(double y, std::string label) {
  body_.push_back(fmt::format(
      "<line class=\"reference\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"#000\" "
      "stroke-width=\"1.2\"><title>{3}</title></line>",
      kLeft, w_ - kRight, num(y_(y)), escape(label)));
  legend_.push_back(LegendItem{std::move(label), Style{"#000", ""}, {}});
}

void Chart::dot_key(std::string name, const std::string& colour, bool filled) {
  legend_.push_back(LegendItem{std::move(name), Style{colour, ""}, {}, filled ? 'o' : 'c'});
}

std::string Chart::svg() const {
  const int bottom = time_ ? kTimeBottom : kBottom;
  // The legend goes below the plot, wrapped into rows: never over the data.
  struct Placed {
    double x, y;
    const LegendItem* item;
  };
  std::vector<Placed> placed;
  double lx = kLeft, ly = h_ + 6;
  if (legend_.size() > 1 || (legend_.size() == 1 && legend_[0].style.colour == "shade")) {
    for (const LegendItem& l : legend_) {
      const double width = 40 + 6.6 * static_cast<double>(l.name.size());
      if (lx > kLeft && lx + width > w_ - kRight) {
        lx = kLeft;
        ly += 16;
      }
      placed.push_back(Placed{lx, ly, &l});
      lx += width;
    }
  }
  const int height = placed.empty() ? h_ : static_cast<int>(ly) + 14;
  std::string s = fmt::format(
      "<svg id=\"{}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" "
      "height=\"{}\" viewBox=\"0 0 {} {}\" "
      "role=\"img\" aria-label=\"{}\">",
      escape(id_), w_, height, w_, height, escape(title_));
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
  auto x_tick = [&](double x, const std::string& first, const std::string& first_class,
                    const std::string& second, const std::string& second_class) {
    s += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#555\"/>", num(x),
                     h_ - bottom, h_ - bottom + 5);
    s += fmt::format(
        "<text class=\"{}\" x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
        first_class, num(x), h_ - bottom + 17, escape(first));
    if (!second.empty())
      s += fmt::format(
          "<text class=\"{}\" x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" "
          "fill=\"#444\">{}</text>",
          second_class, num(x), h_ - bottom + 30, escape(second));
  };
  if (time_) {
    for (const TimeTick& t : time_ticks(cal_, x_lo_, x_hi_)) {
      if (t.time.empty())
        x_tick(x_(t.t), t.date, "tick tick-date", t.extra, "tick");
      else
        x_tick(x_(t.t), t.time, "tick tick-time", t.date, "tick tick-date");
      s += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#eee\"/>",
                       num(x_(t.t)), kTop, h_ - bottom);
    }
  } else if (!categories_.empty()) {
    for (std::size_t i = 0; i < categories_.size(); ++i)
      x_tick(x_(static_cast<double>(i)), categories_[i], "tick", "", "");
  } else {
    for (double t : nice_ticks(x_lo_, x_hi_, 8)) x_tick(x_(t), tick_label(t), "tick", "", "");
  }
  s += fmt::format(
      "<line class=\"axis-x\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"#555\"/>", kLeft,
      w_ - kRight, h_ - bottom);
  s += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#555\"/>", kLeft,
                   kTop, h_ - bottom);
  s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
                   (kLeft + w_ - kRight) / 2, h_ - 8, escape(x_label_));
  s += fmt::format(
      "<text transform=\"translate(16,{}) rotate(-90)\" font-size=\"12\" "
      "text-anchor=\"middle\">{}</text>",
      (kTop + h_ - bottom) / 2, escape(y_label_));
  for (const auto& b : body_) s += b;
  for (const Placed& p : placed) {
    const LegendItem& l = *p.item;
    if (l.style.colour == "shade")
      s += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"24\" height=\"10\" fill=\"#000\" "
          "fill-opacity=\"0.07\" stroke=\"#bbb\"/>",
          num(p.x), num(p.y - 5));
    else if (l.mark != 'l')
      s += fmt::format(
          "<circle class=\"legend-key\" cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{}\" stroke=\"{}\" "
          "stroke-width=\"1.5\"/>",
          num(p.x + 12), num(p.y), l.mark == 'o' ? l.style.colour : "#fff", l.style.colour);
    else
      s += fmt::format(
          "<line class=\"legend-key\"{} x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"{}\" "
          "stroke-width=\"2.5\"{}/>",
          l.tag.attr(), num(p.x), num(p.x + 24), num(p.y), num(p.y), l.style.colour,
          dash_attr(l.style));
    s += fmt::format("<text class=\"legend\" x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
                     num(p.x + 30), num(p.y + 4), escape(l.name));
  }
  s += "</svg>";
  return s;
}

}  // namespace outputs::svg
