// `optimise:` (OptimiseSpec): the levers resolved against the sides (a stage, a pooled agency, a
// lane, a side's closing hour) with their bounds and hour blocks, and the targets as written
// (app/optimise.cpp parses them against the metric catalogue, with these locations).
#include <algorithm>
#include <cmath>
#include <string>

#include "models/loader_parts.hpp"
#include "models/units.hpp"

namespace models {

LeverSpec make_lever(const Scenario& sc, LeverSpec::Kind kind, const std::string& ref) {
  LeverSpec l;
  l.kind = kind;
  l.ref = ref;
  std::vector<std::string> sides;
  for (const GateSide& g : sc.sides) sides.push_back(g.id);
  const std::size_t dot = ref.find('.');
  const std::string side = kind == LeverSpec::Kind::Close ? ref : ref.substr(0, dot);
  auto known = [](const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  };
  const auto s = std::find(sides.begin(), sides.end(), side);
  if (s == sides.end())
    throw std::invalid_argument("no gate side " + echo(side) + " (sides: " + known(sides) + ")");
  l.side = static_cast<std::size_t>(s - sides.begin());
  if (kind == LeverSpec::Kind::Close) {
    if (!sc.sides[l.side].extended.empty())
      throw std::invalid_argument("side " + ref +
                                  " has extended hours, which would override the closing time "
                                  "the lever sets on those dates");
    return l;
  }
  if (dot == std::string::npos)
    throw std::invalid_argument("expected <side>.<" +
                                std::string(kind == LeverSpec::Kind::Agency ? "agency" : "stage") +
                                ">, got " + echo(ref));
  const std::string name = ref.substr(dot + 1);
  const GateSide& g = sc.sides[l.side];
  std::vector<std::string> names;
  if (kind == LeverSpec::Kind::Agency)
    for (const Agency& a : g.agencies) names.push_back(a.id);
  else
    for (const Stage& st : g.stages) names.push_back(st.id);
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end())
    throw std::invalid_argument(
        "no " + std::string(kind == LeverSpec::Kind::Agency ? "agency " : "stage ") + echo(name) +
        " at " + g.id + " (" + (names.empty() ? std::string("none") : known(names)) + ")");
  l.index = static_cast<std::size_t>(it - names.begin());
  if (kind == LeverSpec::Kind::Agency && !g.agencies[l.index].pooled)
    throw std::invalid_argument("agency " + ref +
                                " has no pool of officers to staff (give it `officers` or "
                                "`staffing`), so its stages' servers are the lever: use `stage`");
  if (kind == LeverSpec::Kind::Stage || kind == LeverSpec::Kind::Lane) {
    // A stage joined into a joint stop is staffed there, not at its own stop.
    const Stage& st = g.stages[l.index];
    for (const Crossing& c : sc.crossings)
      if (c.mode != CbtaMode::Sequential && st.joinable &&
          (c.side_a == l.side || c.side_b == l.side))
        throw std::invalid_argument(
            "stage " + ref + " is joined into crossing " + c.id +
            "'s joint stops, where its agency's officers serve it: make a pooled agency the "
            "lever, or set the stage joinable: false");
  }
  if (kind == LeverSpec::Kind::Stage) {
    const Stage& st = g.stages[l.index];
    if (st.agency >= 0 && g.agencies[static_cast<std::size_t>(st.agency)].pooled)
      throw std::invalid_argument("stage " + ref + "'s officers come from agency " +
                                  g.agencies[static_cast<std::size_t>(st.agency)].id +
                                  "'s pool: its servers are booths; make the agency the lever");
    for (const StaffingEntry& e : st.staffing)
      if (e.specificity() > 0)
        throw std::invalid_argument("stage " + ref +
                                    " has weekday or dated staffing, which would override the "
                                    "lever's every-day blocks on those days");
  }
  if (kind == LeverSpec::Kind::Agency)
    for (const StaffingEntry& e : g.agencies[l.index].staffing)
      if (e.specificity() > 0)
        throw std::invalid_argument("agency " + ref +
                                    " has weekday or dated staffing, which would override the "
                                    "lever's every-day blocks on those days");
  return l;
}

}  // namespace models

namespace models::detail {

namespace {

// "07-11" or "07:00-11:30": local times of day, within the day; located by parsed_at.
HourBlock hour_block(const std::string& t) {
  const std::size_t dash = t.find('-');
  if (dash == std::string::npos)
    throw std::invalid_argument("expected an hour block 'HH-HH' or 'HH:MM-HH:MM', got '" + t + "'");
  auto at = [&](std::string x) {
    if (x.find(':') == std::string::npos) x += ":00";
    try {
      return units::time_of_day(x);  // located by parsed_at
    } catch (const std::invalid_argument&) {
      throw std::invalid_argument("the block '" + t +
                                  "' must lie within the day: local times "
                                  "from 00 to 24, as 'HH-HH' or 'HH:MM-HH:MM'");
    }
  };
  HourBlock b{at(t.substr(0, dash)), at(t.substr(dash + 1)), t};
  if (!(b.to_s > b.from_s))
    throw std::invalid_argument("the block '" + t +
                                "' ends before it starts (a block lies "
                                "within one day; 24 is midnight)");
  return b;
}

std::vector<HourBlock> hour_blocks(const Section& s, const char* key) {
  std::vector<HourBlock> out;
  const YamlNode& l = s.list(key);
  for (std::size_t i = 0; i < l.items.size(); ++i) {
    const std::string p = item(s.at(key), i);
    HourBlock b = parsed_at(l.items[i], p, "an hour block 'HH-HH'", hour_block);
    for (const HourBlock& o : out)
      if (b.from_s < o.to_s && o.from_s < b.to_s)
        fail(l.items[i], p, "overlaps the block '" + o.text + "'");
    out.push_back(std::move(b));
  }
  if (out.empty()) fail(l, s.at(key), "expected at least one block");
  return out;
}

}  // namespace

void Loader::optimise(const YamlNode& n) {
  const Section s(n, "optimise", schema("optimise"));
  OptimiseSpec o;
  read_params(s, o);
  if (s.has("objective")) o.objective = s.choice("objective").value;
  std::vector<HourBlock> blocks;
  if (s.has("blocks")) blocks = hour_blocks(s, "blocks");
  const YamlNode& levers = s.list("levers");
  if (levers.items.empty()) fail(levers, s.at("levers"), "expected at least one lever");
  for (std::size_t i = 0; i < levers.items.size(); ++i) {
    const Section x(levers.items[i], item(s.at("levers"), i), schema("lever"));
    const char* kinds[] = {"stage", "agency", "lane", "close"};
    int kind = -1;
    for (int k = 0; k < 4; ++k)
      if (x.has(kinds[k])) {
        if (kind >= 0)
          fail(*x.raw(kinds[k]), x.at(kinds[k]),
               std::string("give one of stage, agency, lane and close, not '") + kinds[kind] +
                   "' and '" + kinds[k] + "'");
        kind = k;
      }
    if (kind < 0) fail(x.node(), x.path(), "expected one of stage, agency, lane and close");
    const YamlNode& ref = *x.raw(kinds[kind]);
    LeverSpec l =
        parsed_at(ref, x.at(kinds[kind]), "a stage, agency or side", [&](const std::string& t) {
          return make_lever(sc, static_cast<LeverSpec::Kind>(kind), t);
        });
    auto bound = [&](const char* key) {
      const YamlNode& b = x.required(key);
      if (l.kind == LeverSpec::Kind::Close)
        return static_cast<int>(
            parsed_at(b, x.at(key), "a whole hour such as '21:00'",
                      [](const std::string& t) {
                        const double s = units::time_of_day(t);  // located by parsed_at
                        if (std::fmod(s, 3600.0) != 0)
                          throw std::invalid_argument("a closing time moves by whole hours, got '" +
                                                      t + "'");
                        return s;
                      }) /
            3600);
      return static_cast<int>(integer_at(b, x.at(key), 0, 10000));
    };
    l.low = bound("min");
    l.high = bound("max");
    if (l.high < l.low) fail(*x.raw("max"), x.at("max"), "is below 'min'");
    if (l.kind == LeverSpec::Kind::Close && (l.low < 1 || l.high > 24))
      fail(*x.raw("max"), x.at("max"), "a closing time lies between 01:00 and 24:00");
    if (x.has("blocks")) {
      if (l.kind != LeverSpec::Kind::Stage && l.kind != LeverSpec::Kind::Agency)
        fail(*x.raw("blocks"), x.at("blocks"), "only stage and agency levers have blocks");
      l.blocks = hour_blocks(x, "blocks");
    } else if (l.kind == LeverSpec::Kind::Stage || l.kind == LeverSpec::Kind::Agency) {
      l.blocks = blocks;
      if (l.blocks.empty()) {
        const Hours& h = sc.sides[l.side].hours;
        l.blocks.push_back(HourBlock{h.open_s, h.close_s, "open hours"});
      }
    }
    l.file = levers.items[i].file;
    l.mark = levers.items[i].mark;
    l.path = x.path();
    for (const LeverSpec& other : o.levers)
      if (other.ref == l.ref && other.kind == l.kind)
        fail(levers.items[i], x.path(),
             "a second lever on " + l.ref + ": give one, with all its blocks");
    o.levers.push_back(std::move(l));
  }
  const YamlNode& targets = s.list("targets");
  if (targets.items.empty()) fail(targets, s.at("targets"), "expected at least one target");
  for (std::size_t i = 0; i < targets.items.size(); ++i) {
    const YamlNode& t = targets.items[i];
    if (!t.is_scalar())
      fail(t, item(s.at("targets"), i), "expected a target such as 'spoiled_share <= 0.01'");
    o.targets.push_back(TargetSpec{t.scalar, t.file, t.mark, item(s.at("targets"), i)});
  }
  sc.optimise = std::move(o);
}

}  // namespace models::detail
