// The charts of the optimise report: the plan as officers on duty by hour of the day (a panel per
// lever, the plan as bars per block, the scenario's own staffing as a dashed line over them), and
// the cost of every plan the search evaluated.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/report_optimise.hpp"

namespace outputs::report::optimise {

namespace {

using svg::escape;

constexpr int kWidth = 760, kLeft = 70, kRight = 20;
constexpr int kPanelTitle = 24, kPlot = 110, kAxis = 30;  // a panel, top to bottom
const char* const kPlanColour = "#0072b2";
const char* const kOwnColour = "#222";

std::string num(double v) {
  return fmt::format("{:.1f}", v);
}

std::string clock(double h) {
  const int minutes = static_cast<int>(std::lround(h * 60));
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

// The hours of [0, 24) no block of a lever covers.
std::vector<std::pair<double, double>> gaps(std::vector<const Decision*> blocks) {
  std::sort(blocks.begin(), blocks.end(),
            [](const Decision* a, const Decision* b) { return a->from_h < b->from_h; });
  std::vector<std::pair<double, double>> out;
  double at = 0;
  for (const Decision* b : blocks) {
    if (b->from_h > at + 1e-9) out.emplace_back(at, b->from_h);
    at = std::max(at, b->to_h);
  }
  if (at < 24 - 1e-9) out.emplace_back(at, 24);
  return out;
}

}  // namespace

std::string staffing_chart(const Data& d) {
  std::vector<std::string> levers;
  std::vector<std::vector<const Decision*>> blocks;
  bool skipped = false;
  double most = 1;
  for (const Decision& x : d.decisions) {
    if (std::isnan(x.from_h) || (x.kind != "stage" && x.kind != "agency")) {
      skipped = true;
      continue;
    }
    auto it = std::find(levers.begin(), levers.end(), x.lever);
    if (it == levers.end()) {
      levers.push_back(x.lever);
      blocks.emplace_back();
      it = levers.end() - 1;
    }
    blocks[static_cast<std::size_t>(it - levers.begin())].push_back(&x);
    most = std::max({most, static_cast<double>(x.chosen), static_cast<double>(x.baseline)});
  }
  if (levers.empty()) return "";
  // One scale for every panel, so panels compare; room above the tallest bar for its label.
  const std::vector<double> ticks = svg::nice_ticks(0, most * 1.18, 4);
  const double top_value = std::max(ticks.back(), most * 1.18);
  const svg::Scale x{0, 24, static_cast<double>(kLeft), static_cast<double>(kWidth - kRight)};
  const int panel = kPanelTitle + kPlot + kAxis;
  bool any_gap = false;
  std::string body;
  for (std::size_t p = 0; p < levers.size(); ++p) {
    const int oy = 8 + static_cast<int>(p) * panel, top = oy + kPanelTitle, bottom = top + kPlot;
    const svg::Scale y{0, top_value, static_cast<double>(bottom), static_cast<double>(top)};
    const std::vector<const Decision*>& bs = blocks[p];
    body += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"bold\">{} <tspan "
        "font-weight=\"normal\" fill=\"#555\">({} {})</tspan></text>",
        kLeft, oy + 15, escape(levers[p]), escape(bs.front()->kind),
        bs.front()->kind == "agency" ? "officers, pooled" : "servers");
    for (const auto& [a, b] : gaps(bs)) {
      any_gap = true;
      body += fmt::format(
          "<rect class=\"shade\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#000\" "
          "fill-opacity=\"0.07\"><title>{} to {}: not decided by the search</title></rect>",
          num(x(a)), top, num(x(b) - x(a)), kPlot, clock(a), clock(b));
    }
    for (double t : ticks) {
      if (t > top_value) continue;
      body += fmt::format(
          "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"#ddd\"/><text x=\"{3}\" "
          "y=\"{4}\" font-size=\"11\" text-anchor=\"end\">{5}</text>",
          kLeft, kWidth - kRight, num(y(t)), kLeft - 6, num(y(t) + 4), svg::tick_label(t));
    }
    for (const Decision* b : bs) {
      const double x0 = x(b->from_h), x1 = x(b->to_h);
      body += fmt::format(
          "<rect class=\"plan\" data-decision=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" "
          "height=\"{}\" fill=\"{}\" fill-opacity=\"0.85\"><title>{}: plan {}, the scenario's "
          "own {}</title></rect>",
          escape(b->name), num(x0 + 1), num(y(b->chosen)), num(std::max(1.0, x1 - x0 - 2)),
          num(bottom - y(b->chosen)), kPlanColour, escape(b->name), b->chosen, b->baseline);
      body += fmt::format(
          "<line class=\"own\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"{3}\" "
          "stroke-width=\"2\" stroke-dasharray=\"5 3\"/>",
          num(x0), num(x1), num(y(b->baseline)), kOwnColour);
      // The plan's number over its bar; the scenario's own beside it where it differs and the
      // block is wide enough to say so.
      std::string label = fmt::format("<tspan font-weight=\"bold\">{}</tspan>", b->chosen);
      if (b->baseline != b->chosen && x1 - x0 >= 64)
        label += fmt::format("<tspan fill=\"#555\"> (own {})</tspan>", b->baseline);
      body +=
          fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
                      num((x0 + x1) / 2), num(y(std::max(b->chosen, b->baseline)) - 5), label);
    }
    // The axis: ticks at midnight and at the blocks' edges, a label where there is room.
    std::vector<double> edges = {0, 24};
    for (const Decision* b : bs) edges.insert(edges.end(), {b->from_h, b->to_h});
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end(),
                            [](double a, double b) { return std::abs(a - b) < 1e-9; }),
                edges.end());
    body += fmt::format(
        "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"#555\"/><line x1=\"{0}\" "
        "x2=\"{0}\" y1=\"{3}\" y2=\"{2}\" stroke=\"#555\"/>",
        kLeft, kWidth - kRight, bottom, top);
    double last = -1e9;
    for (double e : edges) {
      body += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#555\"/>",
                          num(x(e)), bottom, bottom + 5);
      if (x(e) - last < 36 && e != 24) continue;
      if (e == 24 && x(e) - last < 36) continue;
      body += fmt::format(
          "<text class=\"tick\" x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}"
          "</text>",
          num(x(e)), bottom + 17, clock(e));
      last = x(e);
    }
  }
  const int plots = 8 + static_cast<int>(levers.size()) * panel;
  body += fmt::format(
      "<text transform=\"translate(16,{}) rotate(-90)\" font-size=\"12\" "
      "text-anchor=\"middle\">officers on duty</text>",
      plots / 2);
  body += fmt::format(
      "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">local time of day (the "
      "side's clock)</text>",
      (kLeft + kWidth - kRight) / 2, plots - 2);
  // The legend, below the plots.
  const int ly = plots + 16;
  std::string legend = fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"24\" height=\"10\" fill=\"{}\" fill-opacity=\"0.85\"/>"
      "<text class=\"legend\" x=\"{}\" y=\"{}\" font-size=\"11\">the plan chosen</text>"
      "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2.5\" "
      "stroke-dasharray=\"5 3\"/><text class=\"legend\" x=\"{}\" y=\"{}\" font-size=\"11\">the "
      "scenario's own staffing</text>",
      kLeft, ly - 5, kPlanColour, kLeft + 30, ly + 4, kLeft + 150, kLeft + 174, ly, ly, kOwnColour,
      kLeft + 180, ly + 4);
  if (any_gap)
    legend += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"24\" height=\"10\" fill=\"#000\" fill-opacity=\"0.07\" "
        "stroke=\"#bbb\"/><text class=\"legend\" x=\"{}\" y=\"{}\" font-size=\"11\">hours not "
        "in a block (the scenario's own staffing)</text>",
        kLeft + 340, ly - 5, kLeft + 370, ly + 4);
  const int height = ly + 14;
  std::string s = fmt::format(
      "<svg id=\"staffing\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" "
      "height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"officers on duty by hour "
      "of the day: the plan chosen and the scenario's own staffing\">",
      kWidth, height);
  s += body + legend + "</svg>";
  if (skipped)
    s += "<p class=\"note\">Levers without hour blocks (lane servers, closing hours, a lever "
         "over the whole opening hours) are in the table below.</p>";
  return s;
}

std::string search_chart(const Data& d) {
  if (d.history.empty()) return "";
  double lo = d.baseline_cost, hi = d.baseline_cost;
  for (const StepRow& r : d.history) lo = std::min(lo, r.cost), hi = std::max(hi, r.cost);
  const double pad = std::max(1e-9, (hi - lo) * 0.1 + (hi == lo ? std::abs(hi) * 0.05 + 1 : 0));
  const auto n = static_cast<double>(d.history.size());
  svg::Chart c("search-history", "Every plan the search evaluated, in order", 760, 240);
  c.x_axis("plan evaluated (in order)", 0.5, n + 0.5);
  c.y_axis(d.unit, std::max(0.0, lo - pad), hi + pad);
  c.hline(d.baseline_cost, "the scenario's own staffing");
  const std::vector<std::pair<std::string, std::string>> phases = {
      {"seed", svg::palette_colour(11)},
      {"add", svg::palette_colour(5)},
      {"remove", svg::palette_colour(9)}};
  for (std::size_t i = 0; i < d.history.size(); ++i) {
    const StepRow& r = d.history[i];
    std::string colour = svg::palette_colour(11);
    for (const auto& [p, col] : phases)
      if (p == r.phase) colour = col;
    c.dot(static_cast<double>(i + 1), r.cost, r.cost, r.cost, colour, r.feasible,
          fmt::format("step {} ({}): {}; {}", r.step, r.phase, number(r.cost),
                      r.feasible ? "meets every target" : "misses a target"));
  }
  std::vector<int> chosen;
  for (const Decision& x : d.decisions) chosen.push_back(x.chosen);
  for (std::size_t i = 0; i < d.history.size(); ++i)
    if (d.history[i].plan == chosen) {
      c.vline(static_cast<double>(i + 1), "the plan chosen", 0);
      break;
    }
  c.dot_key("the queueing estimate it started from", phases[0].second, true);
  c.dot_key("adding an officer", phases[1].second, true);
  c.dot_key("removing one", phases[2].second, true);
  c.dot_key("hollow: misses a target (search's CIs)", "#555", false);
  return c.svg();
}

}  // namespace outputs::report::optimise
