// `targets:` — the published figures a scenario declares (Scenario::Target). The metric names
// are checked against the output contract by measures/calibration.cpp, which knows them; here
// the shape: a value or a range (never both), or a `no_target` reason instead.
#include "models/loader_parts.hpp"

namespace models::detail {

namespace {

double number(const YamlNode& n, const std::string& path) {
  if (!n.is_scalar()) fail(n, path, std::string("expected a number, got ") + n.kind_name());
  return real_at(n, path);
}

}  // namespace

void Loader::targets(const YamlNode& n) {
  read_by_id(n, "targets", "target", "targets", false,
             [&](const YamlNode::Entry& e, const Section& s) {
               Target t;
               t.id = e.key;
               t.path = s.path();
               t.file = e.value.file;
               t.mark = e.value.mark;
               read_params(s, t);
               if (s.has("groups")) {
                 const YamlNode& l = s.list("groups");
                 if (l.items.empty()) fail(l, s.at("groups"), "expected at least one group");
                 for (std::size_t i = 0; i < l.items.size(); ++i) {
                   const YamlNode& g = l.items[i];
                   if (!g.is_scalar() || g.scalar.empty())
                     fail(g, item(s.at("groups"), i), "expected a group label");
                   t.groups.push_back(g.scalar);
                 }
               } else {
                 t.groups = {"all"};
               }
               const bool value = s.has("value"), range = s.has("range");
               // `no_target` wins over a figure: a scenario that extends another switches an
               // inherited target off this way (the merged value or range is then not read).
               if (!t.no_target.empty()) {
                 sc.targets.push_back(std::move(t));
                 return;
               }
               if (value == range)
                 fail(value ? *s.raw("range") : e.value, value ? s.at("range") : s.path(),
                      value ? "give `value` or `range`, not both"
                            : "expected `value` or `range` (or `no_target` saying why there is "
                              "none)");
               if (value) {
                 t.lo = t.hi = s.real("value");
               } else {
                 const YamlNode& l = s.list("range");
                 if (l.items.size() != 2)
                   fail(l, s.at("range"), "expected [low, high], two numbers");
                 t.lo = number(l.items[0], item(s.at("range"), 0));
                 t.hi = number(l.items[1], item(s.at("range"), 1));
                 if (!(t.lo <= t.hi)) fail(l, s.at("range"), "expected low <= high");
               }
               sc.targets.push_back(std::move(t));
             });
}

}  // namespace models::detail
