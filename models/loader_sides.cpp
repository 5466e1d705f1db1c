// Gate sides with their stages, and crossings (gate pairs): scenario keys `gate_sides` and
// `crossings`.
#include <cmath>
#include <sstream>

#include "models/loader_parts.hpp"
#include "sim/time.hpp"

namespace models::detail {

Stage Loader::stage(const YamlNode& n, const std::string& path) {
  Section s(n, path, schema("stage"));
  Stage st;
  read_params(s, st);
  st.applies_to = cargo_set(s, "applies_to");
  st.all_cargo = !s.has("applies_to");
  if (s.has("channels")) {
    const YamlNode& ch = s.mapping("channels");
    double sum = 0;
    std::vector<std::string> names;
    for (const YamlNode::Entry& e : ch.entries) {
      Section c(e.value, s.at("channels") + "." + e.key, schema("channel"));
      Channel channel{e.key, 0, {}};
      read_params(c, channel);
      sum += channel.share;
      names.push_back(e.key);
      st.channels.push_back(channel);
    }
    if (st.channels.empty()) fail(ch, s.at("channels"), "expected at least one channel");
    if (std::abs(sum - 1.0) > 1e-9) {
      std::ostringstream os;
      os << "channel shares must sum to 1, they sum to " << sum;
      fail(ch, s.at("channels"), os.str());
    }
    if (s.has("channel_shares_by_cargo")) {
      const YamlNode& by = s.mapping("channel_shares_by_cargo");
      st.channel_shares_by_cargo.assign(sc.cargo.size(), {});
      for (const YamlNode::Entry& e : by.entries) {
        const std::string p = s.at("channel_shares_by_cargo") + "." + e.key;
        std::size_t c = resolve(cargo_names, e.key, e.value, p, "cargo class");
        st.channel_shares_by_cargo[c] = shares(e.value, p, names, "channel");
      }
    }
    if (s.has("service"))
      fail(*s.raw("service"), s.at("service"), "give the service time per channel, not both");
  } else {
    if (s.has("channel_shares_by_cargo"))
      fail(*s.raw("channel_shares_by_cargo"), s.at("channel_shares_by_cargo"), "needs 'channels'");
    st.service = s.distribution("service");
  }
  st.service_by_cargo.assign(sc.cargo.size(), std::nullopt);
  if (s.has("service_by_cargo")) {
    const YamlNode& by = s.mapping("service_by_cargo");
    for (const YamlNode::Entry& e : by.entries) {
      std::string p = s.at("service_by_cargo") + "." + e.key;
      std::size_t c = resolve(cargo_names, e.key, e.value, p, "cargo class");
      st.service_by_cargo[c] = read_distribution(e.value, p);
    }
  }
  if (s.has("hold")) {
    Section h(*s.raw("hold"), s.at("hold"), schema("hold"));
    read_params(h, st);
  }
  if (st.hold_probability + st.reject_probability > 1)
    fail(n, path, "hold and reject probabilities together exceed 1");
  if (s.has("lane")) {
    Section l(*s.raw("lane"), s.at("lane"), schema("lane"));
    read_params(l, st.lane);
    if (l.has("from") || l.has("to")) {
      // An open end reaches past any simulated date.
      DateRange r{l.has("from") ? l.date("from") : -1000000, l.has("to") ? l.date("to") : 1000000};
      if (r.to < r.from) fail(*l.raw("to"), l.at("to"), "the range ends before it starts");
      st.lane.dates = r;
    }
    if (l.has("open") || l.has("close")) {
      if (!l.has("open") || !l.has("close"))
        fail(*l.raw(l.has("open") ? "open" : "close"), l.path(),
             "give the lane's 'open' and 'close' together");
      st.lane.hours = read_hours(l);
    }
    st.lane.staffing = staffing(l);
  }
  st.staffing = staffing(s);
  return st;
}

void Loader::gate_sides(const YamlNode& n) {
  read_by_id(
      n, "gate_sides", "gate_side", "gate sides", true,
      [&](const YamlNode::Entry& e, const Section& s) {
        GateSide g;
        g.id = e.key;
        read_params(s, g);
        g.utc_offset_s = zone(s, "time_zone", &g.zone);
        if (s.has("hours"))
          g.hours = read_hours(Section(*s.raw("hours"), s.at("hours"), schema("hours")));
        g.extended = read_dated_list<ExtendedHours>(s, "extended_hours", "extended_hours",
                                                    [](const Section& x) {
                                                      ExtendedHours h;
                                                      read_params(x, h);
                                                      check_range(x, h.dates);
                                                      check_hours(x, h.hours);
                                                      return h;
                                                    });
        g.closures = read_dated_list<Closure>(s, "closures", "closure", [](const Section& x) {
          Closure c;
          read_params(x, c);
          check_range(x, c.dates);
          return c;
        });
        if (s.has("restrictions")) {
          const YamlNode& l = s.list("restrictions");
          if (l.items.size() > kMaxDatedRanges)
            fail(l, s.at("restrictions"),
                 "at most " + std::to_string(kMaxDatedRanges) + " restrictions");
          for (std::size_t i = 0; i < l.items.size(); ++i) {
            const Section x(l.items[i], item(s.at("restrictions"), i), schema("restriction"));
            Restriction r;
            read_params(x, r);
            check_range(x, r.dates);
            if (x.has("cargo")) r.cargo = cargo_set(x, "cargo");
            g.restrictions.push_back(std::move(r));
          }
        }
        if (s.has("yard")) {
          const YamlNode& y = *s.raw("yard");
          if (y.is_scalar())
            fail(
                y, s.at("yard"),
                "give the areas by direction, e.g. yard: {outbound: 100, inbound: 50}, or say that "
                "both directions share one: yard: {shared: " +
                    printable(y.scalar) + "}");
          const Section ys(y, s.at("yard"), schema("yard"));
          if (ys.has("shared") && (ys.has("outbound") || ys.has("inbound")))
            fail(y, s.at("yard"), "give either 'shared' or 'outbound'/'inbound', not both");
          read_params(ys, g);
          if (ys.has("shared")) {
            g.shared_yard = true;
            g.outbound_yard.capacity = ys.count("shared");
            g.inbound_yard = g.outbound_yard;
          }
          g.outbound_yard.road = g.inbound_yard.road = ys.has("road") ? ys.count("road") : -1;
        }
        const YamlNode& stages = s.list("stages");
        if (stages.items.empty()) fail(stages, s.at("stages"), "expected at least one stage");
        for (std::size_t i = 0; i < stages.items.size(); ++i) {
          std::string p = item(s.at("stages"), i);
          Stage st = stage(stages.items[i], p);
          for (const Stage& other : g.stages)
            if (other.id == st.id)
              fail(*stages.items[i].find("id"), p + ".id", "duplicate stage id " + echo(st.id));
          g.stages.push_back(std::move(st));
        }
        agencies(s, g);
        sc.sides.push_back(std::move(g));
        side_names.push_back(e.key);
      });
}

namespace {

// One rate of an intake: exactly one of `rate` (per hour while open) and `daily_quota`.
IntakeRate intake_rate(const Section& s, bool required) {
  IntakeRate r;
  const bool rate = s.has("rate"), quota = s.has("daily_quota");
  if (rate && quota)
    fail(*s.raw("daily_quota"), s.at("daily_quota"),
         "give either 'rate' or 'daily_quota', not both");
  if (!rate && !quota && required)
    fail(s.node(), s.path(), "expected 'rate' (per hour while open) or 'daily_quota'");
  if (rate) r.per_hour = s.rate("rate") * sim::kHour;
  if (quota) r.per_day = s.rate("daily_quota") * sim::kDay;
  return r;
}

// A pace: `rate` or `daily_quota`, and its dated changes.
IntakePace intake_pace(const Section& s) {
  IntakePace p;
  p.rate = intake_rate(s, true);
  p.schedule =
      read_dated_list<DatedIntakeRate>(s, "schedule", "intake_change", [](const Section& x) {
        return DatedIntakeRate{read_range(x), intake_rate(x, true)};
      });
  return p;
}

}  // namespace

Intake Loader::intake(const Section& s) {
  Intake in;
  const bool unlimited_others = s.choice("others").code == 1;
  if (unlimited_others && !s.has("by_cargo"))
    fail(*s.raw("others"), s.at("others"),
         "'others: unlimited' needs allowances ('by_cargo'); without them nothing is limited");
  if (unlimited_others) {
    for (const char* key : {"rate", "daily_quota", "schedule"})
      if (s.has(key))
        fail(*s.raw(key), s.at(key),
             std::string("'others: unlimited' leaves the classes no allowance names unlimited: "
                         "'") +
                 key + "' would limit no one; give it in an allowance of 'by_cargo'");
  } else {
    in.limited = true;
    in.pace = intake_pace(s);
  }
  if (s.has("by_cargo")) {
    // Per cargo class, then empty trucks: the allowance that names it.
    in.allowance_of.assign(cargo_names.size() + 1, -1);
    read_by_id(s.mapping("by_cargo"), s.at("by_cargo"), "intake_allowance", "allowances", true,
               [&](const YamlNode::Entry& e, const Section& x) {
                 check_key_id(e, x.path());
                 IntakeAllowance a;
                 a.id = e.key;
                 a.cargo.assign(cargo_names.size(), false);
                 const int index = static_cast<int>(in.allowances.size());
                 for (auto& [name, node] : x.ids("cargo")) {
                   const std::size_t k = name == "empty" ? cargo_names.size()
                                                         : resolve(cargo_names, name, *node,
                                                                   x.at("cargo"), "cargo class");
                   if (in.allowance_of[k] >= 0)
                     fail(*node, x.at("cargo"),
                          "'" + name + "' is already in allowance '" +
                              in.allowances[static_cast<std::size_t>(in.allowance_of[k])].id + "'");
                   in.allowance_of[k] = index;
                   if (k < cargo_names.size()) a.cargo[k] = true;
                   a.empty = a.empty || k == cargo_names.size();
                 }
                 a.pace = intake_pace(x);
                 a.staging = x.choice("wait").code == 1;
                 in.allowances.push_back(std::move(a));
               });
  }
  if (s.has("priority")) {
    const YamlNode& m = s.mapping("priority");
    std::vector<int> level(cargo_names.size(), -1);
    int empty = -1, highest = 0;
    for (const YamlNode::Entry& e : m.entries) {
      const std::string at = join(s.at("priority"), e.key);
      const long long v = integer_at(e.value, at, 0, 1000);  // lower goes first
      if (e.key == "empty") {
        empty = static_cast<int>(v);
      } else {
        level[resolve(cargo_names, e.key, e.value, at, "cargo class")] = static_cast<int>(v);
      }
      highest = std::max(highest, static_cast<int>(v));
    }
    // Not listed: after every listed level.
    for (int& l : level)
      if (l < 0) l = highest + 1;
    in.cargo_priority = level;
    in.empty_priority = empty < 0 ? highest + 1 : empty;
  }
  return in;
}

void Loader::crossings(const YamlNode& n) {
  std::vector<std::string> side_changed_by(sc.sides.size());
  read_by_id(
      n, "crossings", "crossing", "crossings", false,
      [&](const YamlNode::Entry& e, const Section& s) {
        Crossing c;
        c.id = e.key;
        auto sides = s.ids("sides");
        if (sides.size() != 2)
          fail(*s.raw("sides"), s.at("sides"),
               "expected two gate sides [export side, import side]");
        c.side_a = resolve(side_names, sides[0].first, *sides[0].second, item(s.at("sides"), 0),
                           "gate side");
        c.side_b = resolve(side_names, sides[1].first, *sides[1].second, item(s.at("sides"), 1),
                           "gate side");
        if (c.side_a == c.side_b) fail(*s.raw("sides"), s.at("sides"), "the two sides must differ");
        read_params(s, c);
        cbta(s, c, side_changed_by);
        crossing_network(s, c);
        if (s.has("accept_per_day"))
          fail(
              *s.raw("accept_per_day"), s.at("accept_per_day"),
              "removed: it released a count at midnight whatever the opening hours and closures; "
              "write the "
              "entry side's intake per direction, e.g. intake: {export: {daily_quota: 220/day}} or "
              "intake: {export: {rate: 18/h}}");
        if (s.has("intake")) {
          const Section in(*s.raw("intake"), s.at("intake"), schema("intake"));
          for (const bool export_dir : {true, false}) {
            const char* dir = export_dir ? "export" : "import";
            if (in.has(dir))
              c.intake[export_dir ? 0 : 1] =
                  intake(Section(*in.raw(dir), in.at(dir), schema("intake_direction")));
          }
        }
        if (s.has("transshipment")) {
          Section t(*s.raw("transshipment"), s.at("transshipment"), schema("transshipment"));
          read_params(t, c);
          units::Money m = t.money("cost");
          c.transship_cost = m.amount;
          c.transship_currency = m.currency;
          c.transship_cost_reporting = to_reporting(t, "cost", m);
        }
        sc.crossings.push_back(c);
        crossing_names.push_back(e.key);
      });
}

}  // namespace models::detail
