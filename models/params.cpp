// The generic reader's typed reads (params.hpp): the member's C++ type and the Field's declared
// type pick the typed getter of detail::Section, which checks the value and supplies the default.
#include "models/params.hpp"

#include <string_view>

#include "models/loader_section.hpp"

namespace models::detail {

namespace {

[[noreturn]] void unfit(const Section& s, const Field& f, const char* member) {
  throw std::logic_error(std::string("schema for ") + s.schema().path + ": " + f.key + " (" +
                         f.type + ") cannot fill a member of type " + member);
}

bool is(const Field& f, const char* type) {
  return std::string_view(f.type) == type;
}

}  // namespace

void read_value(const Section& s, const Field& f, int& v) {
  if (is(f, "integer"))
    v = s.count(f.key);
  else if (is(f, "choice"))
    v = s.choice(f.key).code;
  else
    unfit(s, f, "int");
}

void read_value(const Section& s, const Field& f, long& v) {
  if (!is(f, "date")) unfit(s, f, "long");
  v = s.date(f.key);
}

void read_value(const Section& s, const Field& f, double& v) {
  if (is(f, "duration"))
    v = s.duration(f.key);
  else if (is(f, "rate"))
    v = s.rate(f.key);
  else if (is(f, "mass"))
    v = s.mass(f.key);
  else if (is(f, "distance"))
    v = s.distance(f.key);
  else if (is(f, "real"))
    v = s.real(f.key);
  else if (is(f, "probability"))
    v = s.probability(f.key);
  else if (is(f, "time"))
    v = s.time(f.key);
  else
    unfit(s, f, "double");
}

void read_value(const Section& s, const Field& f, bool& v) {
  if (is(f, "bool"))
    v = s.boolean(f.key);
  else if (is(f, "choice"))
    v = s.choice(f.key).code != 0;
  else
    unfit(s, f, "bool");
}

void read_value(const Section& s, const Field& f, std::string& v) {
  if (is(f, "id"))
    v = s.id(f.key);
  else if (is(f, "string") || is(f, "choice"))
    v = s.string(f.key);
  else
    unfit(s, f, "std::string");
}

void read_value(const Section& s, const Field& f, std::uint64_t& v) {
  if (!is(f, "integer") || parse_range(f.range, f.type).lo < 0) unfit(s, f, "std::uint64_t");
  v = static_cast<std::uint64_t>(s.integer(f.key));
}

void read_value(const Section& s, const Field& f, sim::Distribution& v) {
  if (!is(f, "distribution")) unfit(s, f, "sim::Distribution");
  v = s.distribution(f.key);
}

void read_value(const Section& s, const Field& f, std::optional<sim::Distribution>& v) {
  if (!is(f, "distribution")) unfit(s, f, "std::optional<sim::Distribution>");
  if (s.has(f.key)) v = s.distribution(f.key);
}

int read_code(const Section& s, const Field& f) {
  if (!is(f, "choice")) unfit(s, f, "an enum");
  return s.choice(f.key).code;
}

}  // namespace models::detail
