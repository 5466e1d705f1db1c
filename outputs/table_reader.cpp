#include "outputs/table_reader.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>

#include "models/records.hpp"
#include "outputs/contract.hpp"
#include "outputs/hdf5.hpp"
#include "outputs/verify.hpp"

namespace outputs {

namespace {

using Kind = DecodedColumn::Kind;

const TableSpec* spec_for(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::string parent = slash == std::string::npos ? "" : path.substr(0, slash);
  const bool in_lookup = parent == "lookup" || (parent.size() > 7 && parent.ends_with("/lookup"));
  if (in_lookup) return &table_spec(name == "cargo" ? Table::CargoLookup : Table::Lookup);
  for (const TableSpec& t : all_tables())
    if (t.table != Table::Lookup && t.table != Table::CargoLookup && t.name == name) return &t;
  return nullptr;
}

bool has_attr(hid_t obj, const std::string& name) {
  return has_attribute(obj, name);  // a damaged attribute list throws, never reads as "none"
}

// A compound dataset read whole, each member as int64, double or text (HDF5 converts).
DecodedTable read_raw(hid_t file, const std::string& path) {
  h5::quiet_errors();
  h5::Handle ds(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose, ("opening " + path).c_str());
  h5::Handle space(H5Dget_space(ds), H5Sclose, ("the shape of " + path).c_str());
  hsize_t n = 0;
  if (H5Sget_simple_extent_ndims(space) != 1 || H5Sget_simple_extent_dims(space, &n, nullptr) != 1)
    throw h5::Error(path + ": not a table (expected one dimension)");
  h5::Handle type(H5Dget_type(ds), H5Tclose, ("the type of " + path).c_str());
  if (H5Tget_class(type) != H5T_COMPOUND) throw h5::Error(path + ": not a table of records");
  const int members = H5Tget_nmembers(type);
  DecodedTable t;
  t.path = path;
  t.rows = static_cast<std::size_t>(n);
  std::vector<std::size_t> offsets, widths;
  std::size_t row_size = 0;
  for (int i = 0; i < members; ++i) {
    char* name = H5Tget_member_name(type, static_cast<unsigned>(i));
    DecodedColumn c;
    c.name = name ? name : "";
    H5free_memory(name);
    const H5T_class_t cls = H5Tget_member_class(type, static_cast<unsigned>(i));
    h5::Handle mt(H5Tget_member_type(type, static_cast<unsigned>(i)), H5Tclose, "member type");
    std::size_t width = 8;
    if (cls == H5T_INTEGER) {
      c.kind = Kind::Int;
    } else if (cls == H5T_FLOAT) {
      c.kind = Kind::Float;
    } else if (cls == H5T_STRING && H5Tis_variable_str(mt) == 0) {
      c.kind = Kind::Text;
      width = H5Tget_size(mt);
    } else {
      throw h5::Error(path + ": column '" + c.name + "' is neither a number nor a string");
    }
    const std::string unit_attr = c.name + "_unit";
    if (has_attr(ds, unit_attr)) c.unit = h5::read_attr_string(ds, unit_attr);
    offsets.push_back(row_size);
    widths.push_back(width);
    row_size += width;
    t.columns.push_back(std::move(c));
  }
  constexpr std::size_t kMaxBytes = std::size_t{1} << 31;
  if (row_size == 0 || n > kMaxBytes / row_size)
    throw h5::Error(path + ": too large to read (" + std::to_string(n) + " rows)");
  h5::Handle mem(H5Tcreate(H5T_COMPOUND, row_size), H5Tclose, "compound type");
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const DecodedColumn& c = t.columns[i];
    const hid_t mt = c.kind == Kind::Int     ? H5T_NATIVE_INT64
                     : c.kind == Kind::Float ? H5T_NATIVE_DOUBLE
                                             : h5::string_type(widths[i]);
    if (H5Tinsert(mem, c.name.c_str(), offsets[i], mt) < 0) throw h5::Error("HDF5: " + c.name);
  }
  std::vector<unsigned char> buf(row_size * t.rows);
  if (t.rows && H5Dread(ds, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()) < 0)
    throw h5::Error(path + ": " + h5::last_error());
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    DecodedColumn& c = t.columns[i];
    for (std::size_t r = 0; r < t.rows; ++r) {
      const unsigned char* p = buf.data() + r * row_size + offsets[i];
      if (c.kind == Kind::Int) {
        std::int64_t v;
        std::memcpy(&v, p, sizeof v);
        c.ints.push_back(v);
      } else if (c.kind == Kind::Float) {
        double v;
        std::memcpy(&v, p, sizeof v);
        c.floats.push_back(v);
      } else {
        const char* s = reinterpret_cast<const char*>(p);
        c.texts.emplace_back(s, strnlen(s, widths[i]));
      }
    }
  }
  return t;
}

// The names of a lookup's codes, or nothing when the file has no such lookup.
std::optional<std::vector<std::string>> lookup_names(hid_t file, const std::string& base,
                                                     const std::string& name) {
  const std::string path = (base.empty() ? "" : base + "/") + "lookup/" + name;
  if (!h5::exists(file, path)) return std::nullopt;
  std::vector<std::string> names;
  if (name == "cargo") {
    const auto rows = read_rows<row::CargoLookup>(file, path, table_spec(Table::CargoLookup));
    names.resize(rows.size());
    for (const row::CargoLookup& c : rows)
      if (c.code < rows.size()) names[c.code] = text(c.name);
    names.push_back("empty");  // models::kEmptyCargo
  } else {
    names = read_lookup(file, path);
  }
  return names;
}

const DecodedColumn* find_column(const DecodedTable& t, const std::string& name) {
  for (const DecodedColumn& c : t.columns)
    if (c.name == name) return &c;
  return nullptr;
}

// Turns an Int column into a Category through the lookup of each row's scenario (`bases`, one
// per row, or one for all). With one scenario the categories are its lookup in code order (unused
// names too); rows of several scenarios (a sweep's points) get the union, in the order first seen.
void decode(DecodedColumn& c, const std::string& lookup, hid_t file,
            const std::vector<std::string>& bases, const std::string& path) {
  std::map<std::string, std::optional<std::vector<std::string>>> cache;
  auto names_of = [&](const std::string& base) -> const std::optional<std::vector<std::string>>& {
    auto it = cache.find(base);
    if (it == cache.end()) it = cache.emplace(base, lookup_names(file, base, lookup)).first;
    return it->second;
  };
  const bool one = bases.size() == 1;
  std::vector<std::string> categories;
  std::map<std::string, std::int32_t> index;
  if (one) {
    if (!names_of(bases[0])) return;  // an older file without this lookup: keep the codes
    categories = *names_of(bases[0]);
  }
  std::vector<std::int32_t> codes(c.ints.size(), -1);
  for (std::size_t r = 0; r < c.ints.size(); ++r) {
    const auto& names = names_of(one ? bases[0] : bases[r]);
    if (!names) return;
    const std::int64_t v = c.ints[r];
    if (v == -1) continue;
    // The codes the lookup lists (cargo's names end with "empty", code kEmptyCargo).
    const std::int64_t listed = std::int64_t(names->size()) - (lookup == "cargo" ? 1 : 0);
    std::int64_t at = v;
    if (lookup == "cargo" && v == models::kEmptyCargo)
      at = listed;
    else if (v < 0 || v >= listed)
      throw h5::Error(fmt::format("{}: column '{}' row {} has code {}, not in /lookup/{}", path,
                                  c.name, r, v, lookup));
    if (one) {
      codes[r] = static_cast<std::int32_t>(at);
      continue;
    }
    const std::string& name = (*names)[static_cast<std::size_t>(at)];
    auto [it, fresh] = index.emplace(name, static_cast<std::int32_t>(categories.size()));
    if (fresh) categories.push_back(name);
    codes[r] = it->second;
  }
  c.kind = Kind::Category;
  c.lookup = lookup;
  c.codes = std::move(codes);
  c.categories = std::move(categories);
  c.ints.clear();
}

// A swept parameter's values, typed: all integers, all numbers, all numbers with one unit, or
// text.
DecodedColumn typed(const std::string& name, const std::vector<std::string>& values) {
  DecodedColumn c;
  c.name = name;
  auto number = [](const std::string& s, double& v, std::string& rest) {
    const char* end = s.data() + s.size();
    auto [p, ec] = std::from_chars(s.data(), end, v);
    if (ec != std::errc() || p == s.data() || !std::isfinite(v)) return false;
    rest.assign(p, end);
    while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
    return true;
  };
  bool ints = true, nums = true;
  std::string unit;
  std::vector<double> xs;
  for (std::size_t i = 0; i < values.size(); ++i) {
    double v = 0;
    std::string rest;
    std::int64_t k = 0;
    const char* end = values[i].data() + values[i].size();
    const auto [p, ec] = std::from_chars(values[i].data(), end, k);
    ints = ints && ec == std::errc() && p == end && !values[i].empty();
    if (!number(values[i], v, rest) || (i > 0 && rest != unit)) nums = false;
    if (i == 0) unit = rest;
    xs.push_back(v);
  }
  if (ints && unit.empty()) {
    c.kind = Kind::Int;
    for (const std::string& s : values) c.ints.push_back(std::stoll(s));
  } else if (nums) {
    c.kind = Kind::Float;
    c.unit = unit;
    c.floats = xs;
  } else {
    c.kind = Kind::Text;
    c.texts = values;
  }
  return c;
}

// /points: one typed column per swept parameter, from /point_parameters.
void add_parameters(hid_t file, DecodedTable& t) {
  if (!h5::exists(file, "point_parameters")) return;
  const DecodedTable pp = read_raw(file, "point_parameters");
  const DecodedColumn *point = find_column(pp, "point"), *axis = find_column(pp, "axis"),
                      *param = find_column(pp, "parameter"), *value = find_column(pp, "value");
  const DecodedColumn* row_point = find_column(t, "point");
  if (!point || !axis || !param || !value || !row_point)
    throw h5::Error("point_parameters: not the table a sweep writes");
  std::map<std::int64_t, std::string> names;                         // axis -> path
  std::map<std::int64_t, std::map<std::int64_t, std::string>> vals;  // axis -> point -> value
  for (std::size_t r = 0; r < pp.rows; ++r) {
    names[axis->ints[r]] = param->texts[r];
    vals[axis->ints[r]][point->ints[r]] = value->texts[r];
  }
  for (const auto& [a, name] : names) {
    std::vector<std::string> column;
    for (std::size_t r = 0; r < t.rows; ++r) {
      auto it = vals[a].find(row_point->ints[r]);
      if (it == vals[a].end())
        throw h5::Error(
            fmt::format("point_parameters: no value of {} for point {}", name, row_point->ints[r]));
      column.push_back(it->second);
    }
    t.columns.push_back(typed(name, column));
  }
}

}  // namespace

std::size_t DecodedColumn::size() const {
  switch (kind) {
    case Kind::Int:
      return ints.size();
    case Kind::Float:
      return floats.size();
    case Kind::Text:
      return texts.size();
    case Kind::Category:
      return codes.size();
  }
  return 0;
}

std::string DecodedColumn::cell(std::size_t r) const {
  switch (kind) {
    case Kind::Int:
      return std::to_string(ints[r]);
    case Kind::Float:
      return std::isnan(floats[r]) ? std::string() : fmt::format("{}", floats[r]);
    case Kind::Text:
      return texts[r];
    case Kind::Category:
      return codes[r] < 0 ? std::string() : categories[static_cast<std::size_t>(codes[r])];
  }
  return {};
}

std::string scenario_base(const std::string& path) {
  for (const char* top : {"scenarios/", "sweep/"})
    if (path.rfind(top, 0) == 0) {
      const std::size_t end = path.find('/', std::strlen(top));
      if (end != std::string::npos) return path.substr(0, end);
    }
  return "";
}

std::vector<std::string> result_tables(hid_t file) {
  // Verified whole before a table is trusted (outputs/verify.hpp).
  return verify_result(file).tables;
}

DecodedTable read_decoded(hid_t file, const std::string& path) {
  DecodedTable t = read_raw(file, path);
  const TableSpec* spec = spec_for(path);
  if (!spec) return t;
  std::vector<std::string> bases{scenario_base(path)};
  if (spec->table == Table::Comparison || spec->table == Table::Decomposition) {
    h5::Handle ds(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose, path.c_str());
    bases = {"scenarios/" + h5::read_attr_string(ds, "base")};
  } else if (spec->table == Table::Points) {
    const DecodedColumn* point = find_column(t, "point");
    if (!point) throw h5::Error(path + ": no column 'point'");
    bases.clear();
    for (std::int64_t p : point->ints) bases.push_back(fmt::format("sweep/p{:03}", p));
  }
  for (const ColumnSpec& s : spec->columns) {
    if (s.lookup.empty()) continue;
    for (DecodedColumn& c : t.columns)
      if (c.name == s.name && c.kind == Kind::Int) decode(c, s.lookup, file, bases, path);
  }
  if (spec->table == Table::Points) add_parameters(file, t);
  return t;
}

}  // namespace outputs
