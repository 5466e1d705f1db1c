// Horizontal bar charts: bars with whiskers, and stacked bars.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/svg.hpp"

namespace outputs::svg {

namespace {

std::string num(double v) {
  return fmt::format("{:.1f}", v);
}

// The opening of a horizontal-bar chart: the <svg> element, its title, vertical grid lines with
// tick labels between `top` and `bottom`, the unit under the axis, and the hatch pattern bars
// past the palette's colours are drawn with.
std::string bar_frame(const std::string& id, const std::string& title, const std::string& unit,
                      int w, int h, const Scale& x, const std::vector<double>& ticks, int top,
                      int bottom, int unit_dy) {
  std::string s = fmt::format(
      "<svg id=\"{}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" "
      "height=\"{}\" viewBox=\"0 0 {} {}\" "
      "role=\"img\" aria-label=\"{}\">",
      escape(id), w, h, w, h, escape(title));
  s += fmt::format(
      "<defs><pattern id=\"{}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
      "patternTransform=\"rotate(45)\"><rect width=\"2.5\" height=\"6\" fill=\"#fff\" "
      "fill-opacity=\"0.75\"/></pattern></defs>",
      escape(id));
  s += fmt::format("<text x=\"10\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{}</text>",
                   escape(title));
  for (double t : ticks) {
    s += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#ddd\"/>",
                     num(x(t)), top, bottom);
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
                     num(x(t)), bottom + 15, tick_label(t));
  }
  s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
                   (x.r0 + x.r1) / 2, bottom + unit_dy, escape(unit));
  return s;
}

// A filled rectangle of a data mark, hatched on top when its style is past the palette.
std::string mark(const char* cls, const std::string& id, double x, double y, double w, double h,
                 const std::string& colour, bool hatched, const Tag& tag, const std::string& title,
                 const std::string& extra = "") {
  std::string s = fmt::format(
      "<rect class=\"{}\"{} x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"{}>"
      "<title>{}</title></rect>",
      cls, tag.attr(), num(x), num(y), num(w), num(h), colour, extra, escape(title));
  if (hatched)
    s += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#{}-hatch)\" "
        "pointer-events=\"none\"/>",
        num(x), num(y), num(w), num(h), escape(id));
  return s;
}

std::string swatch(double x, double y, const std::string& colour, const Tag& tag) {
  return fmt::format(
      "<rect class=\"swatch\"{} x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/>",
      tag.attr(), num(x), num(y), colour);
}

}  // namespace

std::string Chart::bars(const std::string& id, const std::string& title, const std::string& unit,
                        const std::vector<Bar>& bars, const std::string& marked_note) {
  const bool notes =
      std::any_of(bars.begin(), bars.end(), [](const Bar& b) { return !b.note.empty(); });
  const bool swatches =
      std::any_of(bars.begin(), bars.end(), [](const Bar& b) { return !b.swatch.empty(); });
  const int row = 22, label_w = 300, w = 760, top = 34, note_w = notes ? 200 : 0;
  const int h = top + row * static_cast<int>(std::max<std::size_t>(bars.size(), 1)) + 44 +
                (marked_note.empty() ? 0 : 18);
  double lo = 0, hi = 0;
  for (const Bar& b : bars) {
    lo = std::min({lo, b.value, b.lo});
    hi = std::max({hi, b.value, b.hi});
  }
  if (hi <= lo) hi = lo + 1;
  const std::vector<double> ticks = nice_ticks(lo, hi, 6);
  lo = std::min(lo, ticks.front());
  hi = std::max(hi, ticks.back());
  Scale x{lo, hi, static_cast<double>(label_w), static_cast<double>(w - 20 - note_w)};
  const int bottom = top + row * static_cast<int>(bars.size());
  std::string s = bar_frame(id, title, unit, w, h, x, ticks, top, bottom, 34);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double y = top + row * static_cast<double>(i);
    const double x0 = x(std::min(0.0, b.value)), x1 = x(std::max(0.0, b.value));
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}{}</text>",
                     label_w - (swatches ? 20 : 6), num(y + 15), escape(b.label),
                     b.marked ? " *" : "");
    if (!b.swatch.empty()) s += swatch(label_w - 15, y + 6, b.swatch, b.swatch_tag);
    const std::string colour = !b.colour.empty() ? b.colour : b.marked ? "#0b3c5d" : "#8fa9bf";
    s += mark("bar", id, x0, y + 4, std::max(0.5, x1 - x0), row - 8, colour, b.hatched, b.tag,
              b.label + ": " + tick_label(b.value));
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
    if (!b.note.empty())
      s += fmt::format("<text class=\"note\" x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
                       w - note_w, num(y + 15), escape(b.note));
  }
  if (lo < 0)
    s += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#000\"/>",
                     num(x(0)), top, bottom);
  if (!marked_note.empty())
    s += fmt::format("<text x=\"10\" y=\"{}\" font-size=\"11\">{}</text>", bottom + 54,
                     escape(marked_note));
  s += "</svg>";
  return s;
}

std::string Chart::stacked(const std::string& id, const std::string& title, const std::string& unit,
                           const Stack& st) {
  const int row = 26, label_w = 230, w = 760, top = 34;
  const std::size_t nseg = st.segments.size();
  const int legend_h = 16 * static_cast<int>((nseg + 2) / 3);
  const int h =
      top + row * static_cast<int>(std::max<std::size_t>(st.rows.size(), 1)) + 50 + legend_h;
  const bool swatches = std::any_of(st.swatches.begin(), st.swatches.end(),
                                    [](const std::string& c) { return !c.empty(); });
  auto style_of = [&](std::size_t k) {
    return k < st.styles.size() ? st.styles[k] : series_style(k);
  };
  auto tag_of = [](const std::vector<Tag>& tags, std::size_t k) {
    return k < tags.size() ? tags[k] : Tag{};
  };
  double hi = 0;
  for (const auto& r : st.values) {
    double sum = 0;
    for (double v : r) sum += std::max(0.0, v);
    hi = std::max(hi, sum);
  }
  if (hi <= 0) hi = 1;
  const std::vector<double> ticks = nice_ticks(0, hi, 6);
  hi = std::max(hi, ticks.back());
  Scale x{0, hi, static_cast<double>(label_w), static_cast<double>(w - 20)};
  const int bottom = top + row * static_cast<int>(st.rows.size());
  std::string s = bar_frame(id, title, unit, w, h, x, ticks, top, bottom, 32);
  for (std::size_t i = 0; i < st.rows.size(); ++i) {
    const double y = top + row * static_cast<double>(i);
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
                     label_w - (swatches ? 20 : 6), num(y + 17), escape(st.rows[i]));
    if (i < st.swatches.size() && !st.swatches[i].empty())
      s += swatch(label_w - 15, y + 8, st.swatches[i], tag_of(st.row_tags, i));
    double acc = 0;
    for (std::size_t k = 0; k < nseg && k < st.values[i].size(); ++k) {
      const double v = std::max(0.0, st.values[i][k]);
      if (v <= 0) continue;
      const Style sk = style_of(k);
      s += mark("bar", id, x(acc), y + 4, x(acc + v) - x(acc), row - 8, sk.colour, !sk.dash.empty(),
                tag_of(st.segment_tags, k),
                st.rows[i] + " / " + st.segments[k] + ": " + tick_label(v), " stroke=\"#fff\"");
      acc += v;
    }
  }
  for (std::size_t k = 0; k < nseg; ++k) {
    const double lx = 10 + 250.0 * static_cast<double>(k % 3),
                 ly = bottom + 50 + 16.0 * static_cast<double>(k / 3);
    const Style sk = style_of(k);
    s += mark("legend-key", id, lx, ly - 9, 12, 10, sk.colour, !sk.dash.empty(),
              tag_of(st.segment_tags, k), st.segments[k]);
    s += fmt::format("<text class=\"legend\" x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
                     num(lx + 16), num(ly), escape(st.segments[k]));
  }
  s += "</svg>";
  return s;
}

}  // namespace outputs::svg
