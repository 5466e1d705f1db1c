// The report of `bordersim explore`: the finding and its spread first (each variant's effect on
// the headline figures over the design, where it is better, which input explains the spread,
// and where it flips), then what drives each figure, the effect at every design point, and the
// inputs as the scenario states them.
#include "report/report_explore.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "models/records.hpp"
#include "sim/time.hpp"

namespace outputs::report {

namespace explore {

namespace {

using svg::escape;

std::string design_words(const Data& d) {
  if (d.design == "sobol")
    return fmt::format("a Sobol' design ({} base rows, {} points in all)", d.requested, d.points);
  if (d.design == "morris")
    return fmt::format("a Morris screening design ({} trajectories, {} points in all)", d.requested,
                       d.points);
  if (d.design == "grid") return fmt::format("a grid of {} points", d.points);
  return fmt::format("a Latin hypercube sample of {} points", d.points);
}

std::string replications_words(const Data& d) {
  return d.reps_least == d.reps_most
             ? fmt::format("{} replications", d.reps_least)
             : fmt::format("{} to {} replications (until the CIs were narrow enough)", d.reps_least,
                           d.reps_most);
}

std::string swatch_for(const Context& c, const Figure& f) {
  const std::string cargo = group_cargo(f.group);
  if (cargo.empty()) return "";
  for (std::size_t i = 0; i < c.names.cargo.size(); ++i)
    if (c.names.cargo[i] == cargo) return cargo_swatch(c, static_cast<std::int32_t>(i));
  return cargo == "empty" ? cargo_swatch(c, models::kEmptyCargo) : "";
}

// "cuts the 95th-percentile border-crossing time of fresh_fruit exports by 0.5 to 2.7 h over the
// design (better at 30 of 32 points, 11 of them beyond simulation noise)".
std::string effect_sentence(const Context& c, const Robust& r) {
  const std::string what = swatch_for(c, r.fig) + "the " + escape(figure_words(r.fig));
  std::string s = "<b>" + escape(r.variant) + "</b> ";
  // Every point better (or worse): ties (no change at a point) are neither.
  const bool better = r.better == r.points, worse = r.worse == r.points;
  auto verdict = [&](const char* verb) {
    if (!better && !worse) return std::string(verb);
    return "<span class=\"" + std::string(better ? "better" : "worse") + "\">" + verb + "</span>";
  };
  if (r.max <= 0)
    s +=
        verdict("cuts") + " " + what + " by " + span_words(-r.max, -r.min, r.fig.unit, true, false);
  else if (r.min >= 0)
    s +=
        verdict("raises") + " " + what + " by " + span_words(r.min, r.max, r.fig.unit, true, false);
  else
    s += "changes " + what + " by " + span_words(r.min, r.max, r.fig.unit, true, true);
  auto beyond = [](std::int64_t sig, std::int64_t all) {
    return sig == all ? std::string("all beyond simulation noise")
           : sig == 0 ? std::string("none beyond simulation noise")
                      : fmt::format("{} beyond simulation noise", sig);
  };
  s += " over the design (";
  if (!worse)
    s += fmt::format("better at {} of {} points, {}", r.better, r.points,
                     beyond(r.better_sig, r.better));
  if (r.worse > 0)
    s += fmt::format("{}worse at {}{}, {}", worse ? "" : "; ", r.worse,
                     worse ? fmt::format(" of {} points", r.points) : "",
                     beyond(r.worse_sig, r.worse));
  return s + ").";
}

// Where a flip lies, in the reader's words: the rule, and how far to trust it.
std::string flip_sentence(const Robust& r) {
  if (!r.flips || r.rule.empty()) return "";
  const bool minority_sig = r.rule_worse ? r.worse_sig > 0 : r.better_sig > 0;
  std::string s = " <span class=\"" + std::string(r.rule_worse ? "worse" : "better") +
                  "\">It flips: " + escape(r.rule) + "</span>.";
  if (!minority_sig)
    s += " None of those points is beyond simulation noise, so the flip may be noise alone.";
  return s;
}

// The variant's answer in one line, before its figures: better everywhere, worse everywhere,
// or where it flips.
std::string variant_lead(const Data& d, const std::string& v, const std::vector<Figure>& figs,
                         std::string& rule) {
  std::size_t better = 0, worse = 0, not_worse = 0, not_better = 0;
  const Robust* flip = nullptr;
  for (const Figure& f : figs)
    for (const Robust& r : d.robust)
      if (r.variant == v && r.fig == f) {
        better += r.better == r.points;
        worse += r.worse == r.points;
        not_worse += r.worse_sig == 0;
        not_better += r.better_sig == 0;
        if (!flip && r.flips && !r.rule.empty() && (r.rule_worse ? r.worse_sig : r.better_sig) > 0)
          flip = &r;
      }
  const std::string name = "<b>" + escape(v) + "</b>";
  if (figs.empty()) return name + " against " + escape(d.base) + ": ";
  if (better == figs.size())
    return name + " is <span class=\"better\">better than " + escape(d.base) +
           " at every design point</span> on each figure below.";
  if (worse == figs.size())
    return name + " is <span class=\"worse\">worse than " + escape(d.base) +
           " at every design point</span> on each figure below.";
  if (not_worse == figs.size())
    return name + " is <span class=\"better\">better than " + escape(d.base) +
           "</span> on each figure below, or within simulation noise of it, at every design "
           "point.";
  if (not_better == figs.size())
    return name + " is <span class=\"worse\">worse than " + escape(d.base) +
           "</span> on each figure below, or within simulation noise of it, at every design "
           "point.";
  if (flip) rule = flip->rule;
  if (flip)
    return name + " against " + escape(d.base) +
           ": the answer depends on the assumptions. <span class=\"" +
           (flip->rule_worse ? "worse" : "better") + "\">It is " + escape(flip->rule) +
           "</span> (" + escape(figure_words(flip->fig)) + "; details below).";
  return name + " against " + escape(d.base) + ": better at some design points, worse at others.";
}

}  // namespace

std::string findings(const Context& c, const Data& d) {
  std::vector<std::string> items;
  items.push_back(fmt::format(
      "This explores <b>{} uncertain input{}</b> of {} (listed below) over {}; each scenario ran "
      "{} at each point, on common random numbers ({}). "
      "<b>A point's 95 % CI covers only simulation noise; the spread across the points is what "
      "the assumptions do.</b>",
      d.inputs.size(), d.inputs.size() == 1 ? "" : "s", escape(d.base), design_words(d),
      replications_words(d),
      d.variants.empty() ? "every point meets the same trucks, so the points differ by their "
                           "inputs, not by luck"
                         : "base and variant meet the same trucks at every point"));
  for (const std::string& v : d.variants) {
    const std::vector<Figure> figs = headline(d, v, 6);
    std::string rule;
    const std::string lead = variant_lead(d, v, figs, rule);
    std::string list;
    for (const Figure& f : figs)
      for (const Robust& r : d.robust)
        if (r.variant == v && r.fig == f)
          list += "<li>" + effect_sentence(c, r) +
                  (r.flips && r.rule == rule ? " It flips in the same region." : flip_sentence(r)) +
                  " " + explained_by(d, "effect:" + v, f) + "</li>";
    if (list.empty())
      list = "<li>No headline figure changes beyond simulation noise at any design point.</li>";
    items.push_back(lead + "<ul>" + list + "</ul>");
  }
  // What the assumptions alone do to the base's figures.
  const std::vector<Figure> base = headline(d, "", d.variants.empty() ? 6 : 3);
  std::string list;
  auto sc = d.means.find(d.base);
  for (const Figure& f : base) {
    const auto& es = sc->second.at(f);
    double lo = es.front().mean, hi = lo;
    for (const Estimate& e : es) lo = std::min(lo, e.mean), hi = std::max(hi, e.mean);
    list += "<li>" + swatch_for(c, f) + "The " + escape(figure_words(f)) + " ranges from " +
            span_words(lo, hi, f.unit, false, false) + " over the design. " +
            explained_by(d, d.base, f) + "</li>";
  }
  if (!list.empty())
    items.push_back((d.variants.empty() ? "In " : "In the base, ") + escape(d.base) + ":<ul>" +
                    list + "</ul>");
  else
    items.push_back("No headline figure of " + escape(d.base) +
                    " moves by more than 5 % over the design.");
  std::string s = "<section id=\"findings\"><h2>Findings</h2>";
  for (const std::string& w : d.warnings) s += "<p class=\"warning\">" + escape(w) + "</p>";
  s += "<ul>";
  for (const std::string& i : items) s += "<li>" + i + "</li>";
  return s + "</ul></section>";
}

std::string flips(const Data& d) {
  std::string rows;
  for (const Robust& r : d.robust) {
    if (r.direction == 0 || r.points == 0) continue;
    rows += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} / {}</td><td>{}</td></tr>",
        escape(r.variant), escape(figure_words(r.fig)),
        span_words(r.min, r.max, r.fig.unit, true, true),
        fmt::format("{} ({} beyond noise)", r.better, r.better_sig),
        fmt::format("{} ({} beyond noise)", r.worse, r.worse_sig), r.points,
        r.flips ? escape(r.rule) : std::string("—"));
  }
  if (rows.empty()) return "";
  // One line per variant and region, naming the figures that flip there; flips whose minority
  // points are all within simulation noise are only counted.
  std::vector<std::pair<std::string, std::vector<std::string>>> regions;  // variant + rule
  std::size_t noise = 0;
  for (const Robust& r : d.robust) {
    if (!r.flips || r.rule.empty() || r.direction == 0) continue;
    if ((r.rule_worse ? r.worse_sig : r.better_sig) == 0) {
      ++noise;
      continue;
    }
    const std::string key = "<b>" + escape(r.variant) + "</b> is " +
                            (r.rule_worse ? "<span class=\"worse\">" : "<span class=\"better\">") +
                            escape(r.rule) + "</span>";
    auto it =
        std::find_if(regions.begin(), regions.end(), [&](const auto& x) { return x.first == key; });
    if (it == regions.end()) it = regions.insert(regions.end(), {key, {}});
    it->second.push_back(escape(figure_words(r.fig)));
  }
  std::stable_sort(regions.begin(), regions.end(),
                   [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
  std::string flipped;
  for (const auto& [key, figs] : regions) {
    std::string list;
    for (std::size_t i = 0; i < figs.size(); ++i)
      list += (i == 0 ? "" : i + 1 == figs.size() ? " and " : ", ") + figs[i];
    flipped += "<li>" + key + ", for the " + list + ".</li>";
  }
  if (noise > 0)
    flipped += fmt::format(
        "<li class=\"note\">{} more figure{} flip{} only at points within simulation noise "
        "(likely noise; see the table).</li>",
        noise, noise == 1 ? "" : "s", noise == 1 ? "s" : "");
  std::string s =
      "<section id=\"flips\"><h2>Where the effect flips</h2><p>The region of the inputs where "
      "a variant does the opposite of what it does at most points, as a rule of at most two "
      "conditions read off the design points.</p>";
  s += regions.empty() && noise == 0 ? "<p>No effect flips.</p>" : "<ul>" + flipped + "</ul>";
  s += "<details><summary>Every figure's effect over the design</summary><table "
       "class=\"summary\"><tr><th>variant</th><th>figure</th><th>effect over the "
       "design</th><th>better at</th><th>worse at / points</th><th>flip region</th></tr>" +
       rows + "</table></details>";
  return s + "</section>";
}

std::string inputs_table(const Data& d, const std::string& id) {
  if (d.inputs.empty()) return "";
  std::string s = "<section id=\"" + escape(id) +
                  "\"><h2>The uncertain inputs</h2><p>What the scenario says it does not know, "
                  "and the range the design covered. The scenario's own value is what "
                  "<code>bordersim run</code> uses.</p><table class=\"summary inputs\"><tr>"
                  "<th>input</th><th>key</th><th>range or alternatives</th><th>own "
                  "value</th><th>source or why assumed</th></tr>";
  for (const Input& in : d.inputs)
    s += "<tr><td>" + escape(in.name) + "</td><td><code>" + escape(in.key) + "</code></td><td>" +
         escape(range_cell(in)) + "</td><td>" + escape(in.own) + "</td><td>" +
         (in.source.empty() ? "why: " + escape(in.why) : "source: " + escape(in.source)) +
         "</td></tr>";
  return s + "</table></section>";
}

}  // namespace explore

std::string explore_body(hid_t f) {
  const explore::Data d = explore::read(f);
  Context c;
  c.file = f;
  c.warmup_s = attr_number(f, "warmup_s");
  c.horizon_s = attr_number(f, "horizon_s");
  c.replications = d.reps_least;
  c.names.cargo = d.cargo;
  std::vector<std::string> classes = d.cargo;
  classes.push_back(cargo_title(GroupNames{}, models::kEmptyCargo));
  c.cargo_colours = svg::ColourMap(classes);
  std::string title = d.variants.empty() ? d.base + " over its uncertain inputs" : "";
  for (std::size_t i = 0; i < d.variants.size(); ++i)
    title += (i == 0 ? "" : i + 1 == d.variants.size() ? " and " : ", ") + d.variants[i];
  if (!d.variants.empty()) title += " against " + d.base + " over its uncertain inputs";
  const double days = (c.horizon_s - c.warmup_s) / sim::kDay;
  std::string s =
      "<header><p class=\"kicker\">bordersim report · an exploration of assumptions</p><h1>" +
      svg::escape(title) + "</h1><p class=\"lead\">" +
      svg::escape(attr_or(f, "scenario_description")) + "</p><p class=\"meta\">" +
      fmt::format("{} design, {} points, {}; each run {} days after a {}-day warm-up; seed {:.0f}.",
                  d.design, d.points, explore::replications_words(d), number(days),
                  number(c.warmup_s / sim::kDay), attr_number(f, "seed")) +
      "</p>" +
      provenance_table(f, {{"design seed", fmt::format("{:.0f}", attr_number(f, "design_seed"))}}) +
      "</header>";
  s += explore::findings(c, d);
  s += explore::drivers(c, d);
  s += explore::effects(c, d);
  if (!d.variants.empty()) s += explore::flips(d);
  s += explore::inputs_table(d, "inputs");
  return s;
}

}  // namespace outputs::report
