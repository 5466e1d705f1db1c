#include "outputs/verify.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "models/source_error.hpp"
#include "outputs/contract.hpp"
#include "outputs/hdf5.hpp"
#include "outputs/isolated.hpp"
#include "sim/stop.hpp"

namespace outputs {

namespace {

using h5::Error;
using h5::Handle;

std::string shown(const std::string& path) {
  return path.empty() ? std::string("/") : "/" + path;
}

// The class a value of the contract's type must have.
bool type_fits(const std::string& declared, H5T_class_t c) {
  if (declared == "string") return c == H5T_STRING;
  if (declared == "int64") return c == H5T_INTEGER;
  return c == H5T_FLOAT || c == H5T_INTEGER;  // float64
}

// Every attribute of one object opened and, where it is a string, read: a damaged attribute (a
// bad length in the heap that holds variable-length strings) fails here, with its name.
void check_attributes(hid_t obj, const std::string& path, hsize_t count) {
  if (count > 4096)
    throw Error(fmt::format("{}: {} attributes; the file is damaged", shown(path), count));
  for (hsize_t i = 0; i < count; ++i) {
    sim::poll_stop();
    Handle a(H5Aopen_by_idx(obj, ".", H5_INDEX_NAME, H5_ITER_INC, i, H5P_DEFAULT, H5P_DEFAULT),
             H5Aclose, fmt::format("reading attribute {} of {}", i, shown(path)).c_str());
    const ssize_t len = H5Aget_name(a, 0, nullptr);
    if (len <= 0 || len > 1024)
      throw Error(fmt::format("{}: attribute {} has no readable name", shown(path), i));
    std::string name(static_cast<std::size_t>(len), '\0');
    if (H5Aget_name(a, name.size() + 1, name.data()) != len)
      throw Error(fmt::format("{}: attribute {} has no readable name", shown(path), i));
    Handle type(H5Aget_type(a), H5Tclose, ("the type of attribute " + name).c_str());
    if (H5Tget_class(type) == H5T_STRING || name.ends_with("_unit"))  // a unit is text
      (void)h5::read_attr_string(obj, name);
  }
}

// One object's header, read through a checked call before anything is listed or opened in it.
H5O_info_t object_info(hid_t file, const std::string& path) {
  H5O_info_t info;
  if (H5Oget_info_by_name(file, path.empty() ? "/" : path.c_str(), &info, H5P_DEFAULT) < 0)
    throw Error(shown(path) + ": unreadable (" + h5::last_error() + "); the file is damaged");
  return info;
}

struct Walk {
  std::vector<std::string> groups, tables;
};

// Every group and dataset under the root, depth first, each object's header and attributes
// checked before its links are listed.
Walk walk(hid_t file) {
  Walk w;
  std::vector<std::string> todo{""};
  std::size_t objects = 0;
  while (!todo.empty()) {
    const std::string g = todo.back();
    todo.pop_back();
    w.groups.push_back(g);
    const std::vector<std::string> kids = h5::children(file, g.empty() ? "/" : g);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) {
      sim::poll_stop();
      if (++objects > (1u << 22)) throw Error("more objects than a result file holds; damaged");
      const std::string p = g.empty() ? *it : g + "/" + *it;
      H5L_info_t link;
      if (H5Lget_info(file, p.c_str(), &link, H5P_DEFAULT) < 0)
        throw Error(shown(p) + ": unreadable link (" + h5::last_error() + "); the file is damaged");
      if (link.type != H5L_TYPE_HARD)
        throw Error(shown(p) + ": a soft or external link; a result file has none");
      const H5O_info_t info = object_info(file, p);
      if (info.type == H5O_TYPE_GROUP) {
        todo.push_back(p);
      } else if (info.type == H5O_TYPE_DATASET) {
        w.tables.push_back(p);
      } else {
        throw Error(shown(p) + ": neither a group nor a table; the file is damaged");
      }
    }
  }
  std::sort(w.tables.begin(), w.tables.end());
  return w;
}

// Does a unit read from a file agree with the contract's? The same text, or a money unit in
// another currency (a table's money columns are in the scenario's reporting currency:
// "currency" in the contract, the code in the file).
bool unit_matches(const std::string& declared, const std::string& read) {
  if (declared == read) return true;
  return declared.find("currency") != std::string::npos && !read.empty();
}

// A group's or dataset's attributes, all readable.
void check_object(hid_t file, const std::string& path, bool dataset) {
  const H5O_info_t info = object_info(file, path);
  const char* p = path.empty() ? "/" : path.c_str();
  Handle obj =
      dataset ? Handle(H5Dopen2(file, p, H5P_DEFAULT), H5Dclose, ("opening " + shown(path)).c_str())
              : Handle(H5Gopen2(file, p, H5P_DEFAULT), H5Gclose,
                       ("opening group " + shown(path)).c_str());
  check_attributes(obj, path, info.num_attrs);
  if (!dataset) return;
  Handle space(H5Dget_space(obj), H5Sclose, ("the shape of " + shown(path)).c_str());
  hsize_t n = 0;
  if (H5Sget_simple_extent_ndims(space) != 1 || H5Sget_simple_extent_dims(space, &n, nullptr) != 1)
    throw Error(shown(path) + ": not a table (expected one dimension)");
  Handle type(H5Dget_type(obj), H5Tclose, ("the type of " + shown(path)).c_str());
  if (H5Tget_class(type) != H5T_COMPOUND) throw Error(shown(path) + ": not a table of records");
  const int members = H5Tget_nmembers(type);
  if (members <= 0) throw Error(shown(path) + ": a table without readable columns");
  // The units the contract declares for the columns the table has.
  const std::size_t slash = path.rfind('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::string parent = slash == std::string::npos ? "" : path.substr(0, slash);
  if (parent == "lookup" || parent.ends_with("/lookup")) return;
  for (const TableSpec& t : all_tables()) {
    if (t.name != name || t.table == Table::Lookup || t.table == Table::CargoLookup) continue;
    for (const ColumnSpec& c : t.columns) {
      if (c.unit.empty() || H5Tget_member_index(type, c.name.c_str()) < 0) continue;
      if (!has_attribute(obj, c.name + "_unit"))
        throw Error(shown(path) + ": the unit of column " + c.name + " (attribute " + c.name +
                    "_unit) is missing; the file is damaged");
      // A unit the contract does not declare (a flipped byte in the heap that holds the strings
      // leaves it empty or garbled) would be shown as read.
      const std::string unit = h5::read_attr_string(obj, c.name + "_unit");
      if (!unit_matches(c.unit, unit))
        throw Error(shown(path) + ": the unit of column " + c.name + " reads " +
                    models::echo(unit) + " where the file format says '" + c.unit +
                    "'; the file is damaged");
    }
    break;
  }
}

// A root attribute as a number, after its presence and type were checked.
double number(hid_t file, const char* name) {
  return h5::read_attr_double(file, name);
}

// The root attributes the contract declares, each present (but `command`), a single value of
// its type, readable; the ones readers build on in range.
void check_root_attributes(hid_t file, VerifiedResult& v) {
  if (!has_attribute(file, "bordersim_version"))
    throw Error("not a bordersim result file (no bordersim_version attribute)");
  for (const AttributeSpec& a : root_attributes()) {
    sim::poll_stop();
    if (!has_attribute(file, a.name)) {
      if (a.name == "command" || a.optional) continue;
      throw Error("the root attribute " + a.name + " (" + a.meaning +
                  ") is missing; the file is damaged");
    }
    Handle at(H5Aopen(file, a.name.c_str(), H5P_DEFAULT), H5Aclose,
              ("attribute " + a.name).c_str());
    Handle space(H5Aget_space(at), H5Sclose, ("the shape of attribute " + a.name).c_str());
    Handle type(H5Aget_type(at), H5Tclose, ("the type of attribute " + a.name).c_str());
    if (H5Sget_simple_extent_type(space) != H5S_SCALAR || !type_fits(a.type, H5Tget_class(type)))
      throw Error("the root attribute " + a.name + " is not a single " + a.type +
                  "; the file is damaged");
    if (a.type == "string") (void)h5::read_attr_string(file, a.name);
  }
  v.command = "run";
  if (has_attribute(file, "command")) {
    v.command = h5::read_attr_string(file, "command");
    if (v.command != "compare" && v.command != "sweep" && v.command != "explore" &&
        v.command != "optimise")
      throw Error("the root attribute command is '" + v.command +
                  "', not compare, sweep, explore or optimise");
  }
  const double reps = number(file, "replications");
  if (!(reps >= 1 && reps <= 65535) || reps != std::floor(reps))
    throw Error(fmt::format("the root attribute replications is {}, not 1 to 65535", reps));
  v.replications = static_cast<long>(reps);
  const double horizon = number(file, "horizon_s"), warmup = number(file, "warmup_s");
  if (!std::isfinite(horizon) || horizon <= 0)
    throw Error(fmt::format("the root attribute horizon_s is {}, not a positive time", horizon));
  if (!std::isfinite(warmup) || warmup < 0 || warmup >= horizon)
    throw Error(
        fmt::format("the root attribute warmup_s is {}, not a warm-up before the horizon", warmup));
  if (!std::isfinite(number(file, "start_epoch_s")))
    throw Error("the root attribute start_epoch_s is not a time");
  if (std::abs(number(file, "utc_offset_s")) > 86400)
    throw Error("the root attribute utc_offset_s is not an offset from UTC");
  if (h5::read_attr_string(file, "time_zone").empty())
    throw Error("the root attribute time_zone is empty; the file is damaged");
}

// The groups of one level named prefix000, prefix001, ... with no gap: their count.
std::size_t numbered(const std::set<std::string>& names, const std::string& where,
                     const char* prefix) {
  std::size_t i = 0;
  for (const std::string& n : names) {
    if (n != fmt::format("{}{:03}", prefix, i))
      throw Error(fmt::format("{}: expected {}{:03}, found {}; the file is damaged", shown(where),
                              prefix, i, n));
    ++i;
  }
  return i;
}

std::set<std::string> groups_under(const Walk& w, const std::string& parent) {
  std::set<std::string> out;
  const std::string prefix = parent + "/";
  for (const std::string& g : w.groups)
    if (g.rfind(prefix, 0) == 0 && g.find('/', prefix.size()) == std::string::npos)
      out.insert(g.substr(prefix.size()));
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// A lookup's codes are 0..n-1, each once.
template <class Row>
void check_codes(hid_t file, const std::string& path, const TableSpec& spec) {
  const auto rows = read_rows<Row>(file, path, spec);
  std::vector<bool> seen(rows.size(), false);
  for (const Row& r : rows) {
    if (r.code >= rows.size() || seen[r.code])
      throw Error(fmt::format("{}: code {} is not one of 0..{} listed once; the file is damaged",
                              shown(path), r.code, rows.size() - 1));
    seen[r.code] = true;
  }
}

// The lookups a scenario's tables decode their codes through: those the group names need, and
// those of the categorical columns its tables have.
std::set<std::string> lookups_needed(hid_t file, const Walk& w, const std::string& pre) {
  std::set<std::string> out{"flows", "cargo", "stops", "sides"};
  for (const std::string& t : w.tables) {
    if (t.rfind(pre, 0) != 0 || t.rfind(pre + "lookup/", 0) == 0) continue;
    if (pre.empty() && (t.rfind("scenarios/", 0) == 0 || t.rfind("sweep/", 0) == 0)) continue;
    const std::string name = t.substr(t.rfind('/') + 1);
    for (const TableSpec& s : all_tables()) {
      if (s.name != name || s.table == Table::Lookup || s.table == Table::CargoLookup) continue;
      Handle ds(H5Dopen2(file, t.c_str(), H5P_DEFAULT), H5Dclose, ("opening " + t).c_str());
      Handle type(H5Dget_type(ds), H5Tclose, ("the type of " + t).c_str());
      for (const ColumnSpec& c : s.columns)
        if (!c.lookup.empty() && H5Tget_member_index(type, c.name.c_str()) >= 0)
          out.insert(c.lookup);
      break;
    }
  }
  return out;
}

// One scenario's part of the file: summary, lookups, replications.
void check_base(hid_t file, const Walk& w, const std::string& base, long promised, bool exact) {
  const std::string pre = base.empty() ? "" : base + "/";
  for (const std::string& l : lookups_needed(file, w, pre))
    if (!has(w.tables, pre + "lookup/" + l))
      throw Error(shown(pre + "lookup/" + l) + " is missing; the file is damaged");
  if (!has(w.tables, pre + "summary"))
    throw Error(shown(pre + "summary") + " is missing; the file is damaged");
  if (!has(w.groups, pre + "lookup"))
    throw Error(shown(pre + "lookup") + " is missing; the file is damaged");
  for (const std::string& t : w.tables) {
    if (t.rfind(pre + "lookup/", 0) != 0 || t.find('/', pre.size() + 7) != std::string::npos)
      continue;
    sim::poll_stop();
    if (t.ends_with("/cargo"))
      check_codes<row::CargoLookup>(file, t, table_spec(Table::CargoLookup));
    else
      check_codes<row::Lookup>(file, t, table_spec(Table::Lookup));
  }
  if (!has(w.groups, pre + "replications"))
    throw Error(shown(pre + "replications") + " is missing; the file is damaged");
  const std::size_t found =
      numbered(groups_under(w, pre + "replications"), pre + "replications", "r");
  if (exact ? found != static_cast<std::size_t>(promised) : found == 0)
    throw Error(
        fmt::format("{} holds {} replication group(s) but the file states {}; the file is "
                    "damaged",
                    shown(pre + "replications"), found, promised));
  std::int64_t most = 0;
  for (const row::Summary& r :
       read_rows<row::Summary>(file, pre + "summary", table_spec(Table::Summary)))
    most = std::max(most, r.ci.n);
  if (most > static_cast<std::int64_t>(found))
    throw Error(fmt::format("{} counts {} replications but {} holds {}; the file is damaged",
                            shown(pre + "summary"), most, shown(pre + "replications"), found));
}

}  // namespace

bool has_attribute(hid_t obj, const std::string& name) {
  h5::quiet_errors();
  const htri_t r = H5Aexists(obj, name.c_str());
  if (r < 0)
    throw Error("cannot tell whether attribute " + name + " is there (" + h5::last_error() +
                "); the file is damaged");
  return r > 0;
}

VerifiedResult verify_result(hid_t file) {
  h5::quiet_errors();
  VerifiedResult v;
  (void)object_info(file, "");
  check_root_attributes(file, v);
  const Walk w = walk(file);
  for (const std::string& g : w.groups) check_object(file, g, false);
  for (const std::string& t : w.tables) check_object(file, t, true);
  if (v.command == "run") {
    v.bases = {""};
  } else if (v.command == "explore") {
    // No scenario groups: every table is at the root (outputs/explore_file.hpp).
    for (const char* t : {"explore_inputs", "explore_design", "explore_points", "sensitivity"})
      if (!has(w.tables, t)) throw Error(shown(t) + " is missing; the file is damaged");
  } else if (v.command == "optimise") {
    // No scenario groups either: the search's tables under /optimisation (optimise_file.hpp).
    for (const char* t : {"optimisation/decisions", "optimisation/targets",
                          "optimisation/finalists", "optimisation/history"})
      if (!has(w.tables, t)) throw Error(shown(t) + " is missing; the file is damaged");
  } else {
    const char* top = v.command == "compare" ? "scenarios" : "sweep";
    if (!has(w.groups, top)) throw Error(shown(top) + " is missing; the file is damaged");
    const std::set<std::string> names = groups_under(w, top);
    if (v.command == "sweep") numbered(names, top, "p");
    if (names.empty()) throw Error(shown(top) + " is empty; the file is damaged");
    for (const std::string& n : names) v.bases.push_back(std::string(top) + "/" + n);
    const std::string main_table = v.command == "compare" ? "comparison" : "points";
    if (!has(w.tables, main_table))
      throw Error(shown(main_table) + " is missing; the file is damaged");
    if (v.command == "compare" && !names.contains(h5::read_attr_string(file, "scenario_name")))
      throw Error("the base scenario " + h5::read_attr_string(file, "scenario_name") +
                  " is not under /scenarios; the file is damaged");
  }
  for (const std::string& b : v.bases) {
    // A sweep may sweep `replications` itself: a point then runs its own count.
    // A --precision run adds replications point by point.
    bool exact = !has_attribute(file, "precision");
    if (v.command == "sweep" && exact) {
      Handle g(H5Gopen2(file, b.c_str(), H5P_DEFAULT), H5Gclose, ("opening group " + b).c_str());
      exact = !(has_attribute(g, "parameters") &&
                h5::read_attr_string(g, "parameters").find("replications") != std::string::npos);
    }
    check_base(file, w, b, v.replications, exact);
  }
  v.tables = w.tables;
  return v;
}

VerifiedResult verify_result_file(const std::string& path) {
  // command, replications, the bases, the tables: one a line (link names with a control
  // character are refused by h5::children).
  const std::string text = run_isolated(path, [&] {
    h5::Handle f = h5::open_file(path);
    const VerifiedResult v = verify_result(f);
    std::string s = v.command + "\n" + std::to_string(v.replications) + "\n";
    for (const std::string& b : v.bases) s += "=" + b + "\n";
    for (const std::string& t : v.tables) s += t + "\n";
    return s;
  });
  VerifiedResult v;
  std::size_t at = 0;
  for (int line = 0; at < text.size(); ++line) {
    const std::size_t end = text.find('\n', at);
    if (end == std::string::npos) break;
    const std::string l = text.substr(at, end - at);
    at = end + 1;
    if (line == 0)
      v.command = l;
    else if (line == 1)
      v.replications = std::stol(l);
    else if (!l.empty() && l[0] == '=')
      v.bases.push_back(l.substr(1));
    else
      v.tables.push_back(l);
  }
  return v;
}

}  // namespace outputs
