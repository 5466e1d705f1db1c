// The report of `bordersim optimise`: the answer first (the plan meets every target at the stated
// confidence for so much a day, against the scenario's own staffing; or which target cannot be
// met), then the plan as a staffing chart by hour beside the scenario's own, the targets at both,
// the cost by lever, the runners-up and how they differ, and what the search did and guarantees.
// Everything is read from /optimisation (outputs/optimise_file.hpp).
#include "report/report_optimise.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "outputs/hdf5.hpp"

namespace outputs::report {

namespace optimise {

namespace {

using svg::escape;

std::vector<int> plan_values(const std::string& text) {
  std::vector<int> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t comma = std::min(text.find(',', at), text.size());
    try {
      out.push_back(std::stoi(text.substr(at, comma - at)));
    } catch (const std::exception&) {
      out.push_back(0);
    }
    at = comma + 1;
  }
  return out;
}

// "07", "07:30" -> hours; NaN when it is neither.
double clock_hours(const std::string& t) {
  const std::size_t colon = t.find(':');
  const std::string hh = t.substr(0, colon),
                    mm = colon == std::string::npos ? "00" : t.substr(colon + 1);
  auto digits = [](const std::string& s) {
    return !s.empty() && s.size() <= 2 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!digits(hh) || !digits(mm)) return NAN;
  return std::stoi(hh) + std::stoi(mm) / 60.0;
}

}  // namespace

Data read(hid_t f) {
  Data d;
  h5::Handle g(H5Gopen2(f, "optimisation", H5P_DEFAULT), H5Gclose, "opening /optimisation");
  d.objective = attr_or(g, "objective");
  d.unit = attr_or(g, "unit");
  d.guarantee = attr_or(g, "guarantee");
  d.unmet_target = attr_or(g, "unmet_target");
  d.feasible = attr_number(g, "feasible") != 0;
  d.budget_exhausted = attr_number(g, "budget_exhausted") != 0;
  d.evaluations = static_cast<int>(attr_number(g, "evaluations"));
  d.replications = static_cast<int>(attr_number(g, "replications"));
  d.search_replications = static_cast<int>(attr_number(g, "search_replications"));
  d.alpha = attr_number(g, "alpha", 0.05);
  d.cost = attr_number(g, "cost");
  d.baseline_cost = attr_number(g, "baseline_cost");
  d.unmet_best = attr_number(g, "unmet_best", NAN);
  for (const row::OptimiseDecision& r : read_rows<row::OptimiseDecision>(
           f, "optimisation/decisions", table_spec(Table::OptimiseDecisions))) {
    Decision x{text(r.name), text(r.lever), text(r.block), text(r.kind), r.low, r.high,
               r.baseline,   r.seed,        r.chosen,      r.unit_cost,  NAN,   NAN};
    const std::size_t dash = x.block.find('-');
    if (dash != std::string::npos) {
      x.from_h = clock_hours(x.block.substr(0, dash));
      x.to_h = clock_hours(x.block.substr(dash + 1));
      if (!(x.from_h >= 0 && x.to_h <= 24 && x.to_h > x.from_h)) x.from_h = x.to_h = NAN;
    }
    d.decisions.push_back(std::move(x));
  }
  for (const row::OptimiseTarget& r : read_rows<row::OptimiseTarget>(
           f, "optimisation/targets", table_spec(Table::OptimiseTargets)))
    d.targets.push_back(TargetRow{text(r.text), text(r.metric), text(r.group), text(r.sense),
                                  text(r.unit), r.threshold, r.tolerance, r.mean, r.ci95_lo,
                                  r.ci95_hi, r.met != 0, r.declared, r.baseline_mean,
                                  r.baseline_ci95_lo, r.baseline_ci95_hi, r.baseline_met != 0});
  for (const row::OptimiseFinalist& r : read_rows<row::OptimiseFinalist>(
           f, "optimisation/finalists", table_spec(Table::OptimiseFinalists)))
    d.finalists.push_back(FinalistRow{r.rank, r.cost, r.replications, r.declared_feasible != 0,
                                      r.chosen != 0, text(r.decisions), plan_values(text(r.plan))});
  for (const row::OptimiseStep& r :
       read_rows<row::OptimiseStep>(f, "optimisation/history", table_spec(Table::OptimiseHistory)))
    d.history.push_back(StepRow{r.step, text(r.phase), r.cost, r.violation, r.feasible != 0,
                                plan_values(text(r.plan))});
  return d;
}

const FinalistRow* Data::chosen_finalist() const {
  for (const FinalistRow& f : finalists)
    if (f.chosen) return &f;
  return nullptr;
}

std::string objective_words(double v, const std::string& unit) {
  if (unit == "officer-h/day") return number(v) + " officer-hours a day";
  if (unit.size() > 4 && unit.ends_with("/day"))
    return number(v) + " " + unit.substr(0, unit.size() - 4) + " a day";
  return number(v) + (unit.empty() ? "" : " " + unit);
}

std::string confidence_words(double alpha) {
  return fmt::format("{:g} %", std::round((1 - alpha) * 1000) / 10);
}

namespace {

std::string estimate(const TargetRow& t, bool at_plan) {
  Row r;
  r.metric = t.metric;
  r.unit = t.unit;
  r.mean = at_plan ? t.mean : t.b_mean;
  r.lo = at_plan ? t.lo : t.b_lo;
  r.hi = at_plan ? t.hi : t.b_hi;
  if (in_hours(t.unit)) return hours_ci(r);
  return with_ci(r, t.unit);
}

std::string value_words(double v, const std::string& unit) {
  if (unit == "share") return percent(v);
  if (in_hours(unit)) return hours(v);
  return number(v) + (unit.empty() ? "" : " " + unit);
}

std::string verdict(bool met) {
  return met ? "<span class=\"better\">met</span>" : "<span class=\"worse\">missed</span>";
}

// "a.desk 06-12 from 4 to 9, a.desk 12-18 from 4 to 7 and 1 more": the largest changes first.
std::string changes_words(const Data& d, std::size_t most) {
  std::vector<const Decision*> changed;
  for (const Decision& x : d.decisions)
    if (x.chosen != x.baseline) changed.push_back(&x);
  std::stable_sort(changed.begin(), changed.end(), [](const Decision* a, const Decision* b) {
    return std::abs(a->chosen - a->baseline) > std::abs(b->chosen - b->baseline);
  });
  std::string s;
  const std::size_t shown = std::min(most, changed.size());
  for (std::size_t i = 0; i < shown; ++i)
    s += (i == 0                                      ? ""
          : i + 1 == shown && shown == changed.size() ? " and "
                                                      : ", ") +
         fmt::format("<b>{}</b> from {} to {}", escape(changed[i]->name), changed[i]->baseline,
                     changed[i]->chosen);
  if (changed.size() > shown) s += fmt::format(" and {} more (below)", changed.size() - shown);
  return s;
}

std::string findings(const Data& d) {
  std::vector<std::string> items;
  const std::string conf = confidence_words(d.alpha);
  const double change = d.baseline_cost > 0 ? 100 * (d.cost / d.baseline_cost - 1) : NAN;
  std::string against;
  if (std::isnan(change))
    against = "; the scenario's own staffing costs " + objective_words(d.baseline_cost, d.unit);
  else if (std::abs(change) < 0.05)
    against = ", the same as the scenario's own staffing";
  else
    against = fmt::format(", <b>{} {}</b> than the scenario's own staffing ({})",
                          percent(std::abs(change) / 100), change < 0 ? "less" : "more",
                          objective_words(d.baseline_cost, d.unit));
  std::size_t own_missed = 0;
  for (const TargetRow& t : d.targets) own_missed += !t.b_met;
  const std::string own =
      own_missed == 0 ? "The scenario's own staffing meets every target too (on the search's "
                        "replications)."
                      : fmt::format("The scenario's own staffing misses {} of the {} target{}.",
                                    own_missed, d.targets.size(), d.targets.size() == 1 ? "" : "s");
  if (d.feasible) {
    // Declared met within its tolerance while its interval reaches past the threshold.
    const bool within = std::any_of(d.targets.begin(), d.targets.end(),
                                    [](const TargetRow& t) { return t.declared > 0 && !t.met; });
    items.push_back(
        fmt::format("<b>The plan meets every target{} at {} confidence for {}</b>{}. {}",
                    within ? ", to within its tolerance," : "", conf,
                    objective_words(d.cost, d.unit), against, own));
  } else {
    std::string unit;
    for (const TargetRow& t : d.targets)
      if (t.text == d.unmet_target) unit = t.unit;
    items.push_back(fmt::format(
        "<span class=\"worse\">No plan within the levers' bounds meets every target.</span> "
        "<b>{}</b> cannot be met: the best reached is {}. The plan shown is the closest found, "
        "for {}{}. Widen the levers' bounds or relax the target.",
        escape(d.unmet_target), value_words(d.unmet_best, unit), objective_words(d.cost, d.unit),
        against));
    items.push_back(own);
  }
  const std::string changes = changes_words(d, 3);
  items.push_back(changes.empty()
                      ? "The plan is the scenario's own staffing."
                      : "Against the scenario's own staffing it changes " + changes + ".");
  const FinalistRow* c = d.chosen_finalist();
  items.push_back(
      c ? fmt::format("It was checked on {} new replications, apart from the {} the search "
                      "compared plans on; the guarantee is stated under \"The search\".",
                      c->replications, d.search_replications)
        : std::string("It was not among the selection's finalists: its figures are the "
                      "search's, with no stated guarantee."));
  std::string s = "<section id=\"findings\"><h2>Findings</h2>";
  if (d.budget_exhausted)
    s += "<p class=\"warning\">The search stopped at its budget of plan evaluations: a cheaper "
         "plan may exist (raise max_evaluations).</p>";
  s += "<ul>";
  for (const std::string& i : items) s += "<li>" + i + "</li>";
  return s + "</ul></section>";
}

std::string plan_section(const Data& d) {
  std::string s =
      "<section id=\"plan\"><h2>The plan: officers on duty by hour</h2><p>Per lever, the "
      "officers (servers) on duty in each hour block of the day (local time of its side): the "
      "plan chosen as bars, the scenario's own staffing as a dashed line. Hours outside the "
      "blocks keep the scenario's own staffing.</p>";
  const std::string chart = staffing_chart(d);
  // Open when the chart does not show every decision (lanes, closing hours).
  bool charted = !chart.empty();
  for (const Decision& x : d.decisions)
    charted = charted && !std::isnan(x.from_h) && (x.kind == "stage" || x.kind == "agency");
  s += chart;
  s += std::string("<details") + (charted ? "" : " open") +
       "><summary>Every decision: the plan, the scenario's own, the bounds and the queueing "
       "estimate the search started from</summary><table class=\"summary\"><tr><th>lever</th>"
       "<th>block</th><th>plan</th><th>scenario's own</th><th>change</th><th>bounds</th><th>"
       "queueing estimate</th></tr>";
  for (const Decision& x : d.decisions) {
    const int delta = x.chosen - x.baseline;
    s += fmt::format(
        "<tr><td>{} ({})</td><td>{}</td><td><b>{}</b></td><td>{}</td><td>{}</td><td>{} to "
        "{}</td><td>{}</td></tr>",
        escape(x.lever), escape(x.kind), escape(x.block.empty() ? "—" : x.block), x.chosen,
        x.baseline, delta == 0 ? std::string("—") : fmt::format("{:+}", delta), x.low, x.high,
        x.seed);
  }
  s += "</table></details>";
  return s + "</section>";
}

std::string tolerance_words(const TargetRow& t) {
  if (t.unit == "share") {
    const double points = 100 * t.tolerance;
    return number(points) + (number(points) == "1" ? " percentage point" : " percentage points");
  }
  return value_words(t.tolerance, t.unit);
}

std::string targets_section(const Data& d) {
  const FinalistRow* c = d.chosen_finalist();
  std::string s = fmt::format(
      "<section id=\"targets\"><h2>The targets</h2><p>Each target's mean with its 95 % "
      "confidence interval. At the plan: on {}{}. At the scenario's own staffing: on the search's "
      "{} replications, a target met when the interval's end on the wrong side (the upper end "
      "for ≤) meets it.</p>",
      c ? fmt::format("the selection's {} new replications", c->replications)
        : fmt::format("the search's {} replications", d.search_replications),
      c ? fmt::format(", judged by the feasibility check at {} confidence, which declares a "
                      "target met when the plan meets it or misses it by less than its "
                      "tolerance (the check's indifference zone)",
                      confidence_words(d.alpha))
        : std::string(", judged on the interval as below (the plan went through no check)"),
      d.search_replications);
  s += "<table class=\"summary\"><tr><th>target</th><th>tolerance</th><th>at the plan</th>"
       "<th>verdict</th><th>at the scenario's own staffing</th><th>verdict</th></tr>";
  for (const TargetRow& t : d.targets) {
    std::string at_plan;
    if (!c)
      at_plan = verdict(t.met);
    else if (t.declared > 0)
      at_plan = t.met ? verdict(true) : "<span class=\"better\">met</span>, within its tolerance";
    else if (t.declared < 0)
      at_plan = verdict(false);
    else
      at_plan = "undecided (the check ran out of replications)";
    const char* const nowrap = "<td style=\"white-space:nowrap\">";
    s += "<tr><td><code style=\"white-space:normal;word-break:break-word\">" + escape(t.text) +
         "</code></td>" + nowrap + tolerance_words(t) + "</td>" + nowrap + estimate(t, true) +
         "</td><td>" + at_plan + "</td>" + nowrap + estimate(t, false) + "</td><td>" +
         verdict(t.b_met) + "</td></tr>";
  }
  return s + "</table></section>";
}

std::string cost_section(const Data& d) {
  std::vector<std::string> levers;
  std::map<std::string, std::pair<double, double>> by;  // lever -> plan, own
  for (const Decision& x : d.decisions) {
    if (!by.count(x.lever)) levers.push_back(x.lever);
    by[x.lever].first += x.chosen * x.unit_cost;
    by[x.lever].second += x.baseline * x.unit_cost;
  }
  const std::string what = d.objective == "cost" ? "staffing cost" : "officer-hours";
  std::string s = "<section id=\"cost\"><h2>Cost against the scenario's own staffing</h2><p>The " +
                  what + " the search minimised, per day (" + escape(d.unit) +
                  "), by lever: officers times hours times the agency's price.</p>"
                  "<table class=\"summary\"><tr><th>lever</th><th>plan</th><th>scenario's "
                  "own</th><th>change</th></tr>";
  auto row = [&](const std::string& name, double plan, double own, bool total) {
    const double delta = plan - own;
    const std::string change =
        std::abs(delta) < 1e-9
            ? "—"
            : fmt::format("<span class=\"{}\">{}{}</span> ({})", delta < 0 ? "better" : "worse",
                          delta > 0 ? "+" : "", number(delta),
                          own > 0 ? signed_percent(100 * delta / own) : "—");
    const char* cell = total ? "th" : "td";
    s += "<tr>";
    for (const std::string& v : {name, number(plan), number(own), change})
      s += fmt::format("<{0}>{1}</{0}>", cell, v);
    s += "</tr>";
  };
  for (const std::string& l : levers) row(escape(l), by[l].first, by[l].second, false);
  row("all levers", d.cost, d.baseline_cost, true);
  return s + "</table></section>";
}

std::string finalists_section(const Data& d) {
  std::string s =
      "<section id=\"finalists\"><h2>Runners-up</h2><p>The cheapest plans the search found "
      "feasible, rerun on new replications through the feasibility check, cheapest first.</p>";
  std::vector<const FinalistRow*> others;
  for (const FinalistRow& f : d.finalists)
    if (!f.chosen) others.push_back(&f);
  if (d.finalists.empty())
    return s +
           "<p class=\"nothing\">The search found no feasible plan, "
           "so nothing went to the selection.</p></section>";
  if (others.empty())
    return s +
           "<p class=\"nothing\">The selection had one finalist, the plan itself.</p>"
           "</section>";
  s += "<table class=\"summary\"><tr><th>rank</th><th>cost a day</th><th>against the "
       "plan</th><th>declared feasible</th><th>differs from the plan in</th></tr>";
  for (const FinalistRow& f : d.finalists) {
    std::string diff;
    for (std::size_t k = 0; k < f.plan.size() && k < d.decisions.size(); ++k)
      if (f.plan[k] != d.decisions[k].chosen)
        diff += (diff.empty() ? "" : "; ") + fmt::format("{}: {} (plan {})",
                                                         escape(d.decisions[k].name), f.plan[k],
                                                         d.decisions[k].chosen);
    s += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} <span class=\"ci\">({})</span></td>"
        "<td>{}</td></tr>",
        f.rank, number(f.cost),
        f.chosen ? std::string("the plan")
                 : (f.cost >= d.cost ? "+" : "") + number(f.cost - d.cost),
        f.feasible ? "yes" : "no", escape(f.verdicts), f.chosen ? "—" : diff);
  }
  return s +
         "</table><p class=\"note\">Per target, in order: + declared met, − declared "
         "missed, ? undecided.</p></section>";
}

std::string search_section(const Data& d) {
  std::string s = "<section id=\"search\"><h2>The search and its guarantee</h2>";
  s += "<p>" +
       (d.guarantee.empty() ? std::string("No plan was declared feasible, so no guarantee "
                                          "is stated.")
                            : escape(d.guarantee)) +
       "</p>";
  const std::size_t n = d.finalists.size();
  s += fmt::format(
      "<p>Greedy marginal allocation from a queueing (Erlang C) estimate per block: {} plans "
      "evaluated by the search, each on the same {} replications (common random numbers){}: {} "
      "plan evaluations and <b>{} replications in all</b> (the scenario's own staffing "
      "included).</p>",
      d.history.size(), d.search_replications,
      n == 0 ? std::string(", none of them feasible, so no selection")
             : fmt::format(", then {} finalist{} on new ones", n, n == 1 ? "" : "s"),
      d.evaluations, d.replications);
  s += search_chart(d);
  return s + "</section>";
}

}  // namespace

}  // namespace optimise

std::string optimise_body(hid_t f) {
  const optimise::Data d = optimise::read(f);
  const std::string name = attr_or(f, "scenario_name");
  const std::string title = d.feasible
                                ? "The cheapest staffing of " + name + " that meets its targets"
                                : name + ": no staffing within the bounds meets every target";
  const double warmup = attr_number(f, "warmup_s"), horizon = attr_number(f, "horizon_s");
  std::string s =
      "<header><p class=\"kicker\">bordersim report · a staffing optimisation</p><h1>" +
      svg::escape(title) + "</h1><p class=\"lead\">" +
      svg::escape(attr_or(f, "scenario_description")) + "</p><p class=\"meta\">" +
      fmt::format(
          "Each plan run {} days after a {}-day warm-up; {} replications per plan in the "
          "search; seed {:.0f}. Minimising {}.",
          number((horizon - warmup) / 86400), number(warmup / 86400), d.search_replications,
          attr_number(f, "seed"), d.objective == "cost" ? "the staffing cost" : "officer-hours") +
      "</p>" +
      provenance_table(
          f, {{"start", attr_or(f, "start_local", "—") + " " + attr_or(f, "time_zone")}}) +
      "</header>";
  s += optimise::findings(d);
  s += optimise::plan_section(d);
  s += optimise::targets_section(d);
  s += optimise::cost_section(d);
  s += optimise::finalists_section(d);
  s += optimise::search_section(d);
  return s;
}

}  // namespace outputs::report
