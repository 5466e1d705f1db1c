#include "outputs/hdf5.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <map>
#include <mutex>

#include "outputs/chunk_pipeline.hpp"
#include "sim/stop.hpp"

namespace outputs::h5 {

namespace {

bool numeric(H5T_class_t c) {
  return c == H5T_INTEGER || c == H5T_FLOAT || c == H5T_ENUM;
}

// Once per process, before anything else of HDF5's runs: no exit handler, no printed errors.
void set_up_library() {
  static std::once_flag once;
  std::call_once(once, [] { H5dont_atexit(); });
  quiet_errors();
}

std::atomic<bool> g_out_of_memory{false};

// Collects the error stack from the innermost record outwards, noting a failed allocation
// (HDF5 reports one as "resource unavailable": no space for allocation, or cannot allocate).
herr_t collect(unsigned, const H5E_error2_t* e, void* data) {
  if (e->desc) static_cast<std::vector<std::string>*>(data)->emplace_back(e->desc);
  if (e->maj_num == H5E_RESOURCE && (e->min_num == H5E_NOSPACE || e->min_num == H5E_CANTALLOC))
    g_out_of_memory.store(true);
  return 0;
}

}  // namespace

// Per thread (HDF5's error stacks and their printing are per thread in the thread-safe build):
// no automatic printing; we report through exceptions.
void quiet_errors() {
  thread_local bool quiet = false;
  if (!quiet) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    quiet = true;
  }
}

bool out_of_memory_seen() {
  return g_out_of_memory.load();
}

std::string last_error() {
  std::vector<std::string> stack;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, collect, &stack);
  // Read once, then cleared: a thread's error stack is not emptied when the thread ends (the
  // result writer's thread would otherwise take the records' strings with it, a leak).
  H5Eclear2(H5E_DEFAULT);
  // The system's own words where a system call failed ("... error message = 'No space left on
  // device', ..." from the file driver), else the innermost description.
  for (const std::string& d : stack) {
    const std::string key = "error message = '";
    const auto at = d.find(key);
    if (at == std::string::npos) continue;
    const auto end = d.find('\'', at + key.size());
    if (end != std::string::npos) return d.substr(at + key.size(), end - at - key.size());
  }
  return stack.empty() ? std::string() : stack.front();
}

Handle::Handle(hid_t id, Closer close, const char* what) : id_(id), close_(close) {
  if (id < 0) {
    const std::string why = last_error();
    throw Error(std::string("HDF5: ") + what + " failed" + (why.empty() ? "" : ": " + why));
  }
}

Handle& Handle::operator=(Handle&& o) noexcept {
  if (this != &o) {
    reset();
    id_ = o.id_;
    close_ = o.close_;
    o.id_ = -1;
  }
  return *this;
}

void Handle::reset() {
  if (id_ >= 0 && close_) close_(id_);
  id_ = -1;
}

Handle create_file(const std::string& path) {
  set_up_library();
  // The 1.8 object formats and later carry checksums on their metadata, so a damaged file is an
  // error when read, not a wild pointer inside the library. h5py and pandas read them as before.
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "file access properties");
  H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_LATEST);
  return Handle(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl), H5Fclose,
                ("creating " + path).c_str());
}

Handle open_file(const std::string& path) {
  set_up_library();
  return Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                ("opening " + path).c_str());
}

void close_file(Handle& f) {
  const hid_t id = f.release();
  if (id < 0) return;
  if (H5Fflush(id, H5F_SCOPE_GLOBAL) < 0) {
    const std::string why = last_error();
    H5Fclose(id);  // best effort; nothing will flush it again (no exit handler)
    throw Error("HDF5: writing the result file failed" +
                (why.empty() ? std::string() : ": " + why));
  }
  if (H5Fclose(id) < 0) {
    const std::string why = last_error();
    throw Error("HDF5: closing the result file failed" +
                (why.empty() ? std::string() : ": " + why));
  }
}

Handle create_group(hid_t parent, const std::string& path) {
  quiet_errors();
  Handle lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose, "link property list");
  H5Pset_create_intermediate_group(lcpl, 1);
  return Handle(H5Gcreate2(parent, path.c_str(), lcpl, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
                ("creating group " + path).c_str());
}

namespace {
Handle scalar_space() {
  return Handle(H5Screate(H5S_SCALAR), H5Sclose, "scalar dataspace");
}

void write_attr(hid_t obj, const std::string& name, hid_t type, const void* value) {
  quiet_errors();
  Handle space = scalar_space();
  if (H5Aexists(obj, name.c_str()) > 0) H5Adelete(obj, name.c_str());
  Handle a(H5Acreate2(obj, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           ("attribute " + name).c_str());
  if (H5Awrite(a, type, value) < 0)
    throw Error("HDF5: writing attribute " + name + ": " + last_error());
}
}  // namespace

void attr_string(hid_t obj, const std::string& name, const std::string& value) {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  const char* p = value.c_str();
  write_attr(obj, name, type, &p);
}

void attr_double(hid_t obj, const std::string& name, double value) {
  write_attr(obj, name, H5T_NATIVE_DOUBLE, &value);
}

void attr_int(hid_t obj, const std::string& name, std::int64_t value) {
  write_attr(obj, name, H5T_NATIVE_INT64, &value);
}

namespace {

// Opens a scalar attribute of the expected class, or throws naming what is wrong.
Handle open_scalar_attr(hid_t obj, const std::string& name, bool want_string) {
  quiet_errors();
  Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, ("attribute " + name).c_str());
  Handle space(H5Aget_space(a), H5Sclose, ("the shape of attribute " + name).c_str());
  Handle type(H5Aget_type(a), H5Tclose, ("the type of attribute " + name).c_str());
  const H5T_class_t c = H5Tget_class(type);
  if (H5Sget_simple_extent_type(space) != H5S_SCALAR ||
      (want_string ? c != H5T_STRING : !numeric(c)))
    throw Error("attribute " + name + ": expected a single " + (want_string ? "string" : "number"));
  return a;
}

}  // namespace

std::string read_attr_string(hid_t obj, const std::string& name) {
  Handle a = open_scalar_attr(obj, name, true);
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  char* p = nullptr;
  if (H5Aread(a, type, &p) < 0) throw Error("HDF5: reading attribute " + name);
  std::string s = p ? p : "";
  H5free_memory(p);
  return s;
}

hid_t string_type(std::size_t bytes) {
  // One committed-in-memory type per size for the life of the program.
  static std::mutex m;
  static std::map<std::size_t, hid_t> types;
  std::lock_guard<std::mutex> lock(m);
  auto it = types.find(bytes);
  if (it != types.end()) return it->second;
  hid_t t = H5Tcopy(H5T_C_S1);
  H5Tset_size(t, bytes);
  H5Tset_strpad(t, H5T_STR_NULLPAD);
  H5Tset_cset(t, H5T_CSET_UTF8);
  types[bytes] = t;
  return t;
}

TableWriter::TableWriter(hid_t parent, const std::string& name, std::size_t row_size,
                         const std::vector<Column>& columns, std::size_t chunk_rows,
                         ChunkPipeline* pipeline)
    : row_size_(row_size), chunk_rows_(chunk_rows), pipeline_(pipeline) {
  quiet_errors();
  type_ = Handle(H5Tcreate(H5T_COMPOUND, row_size), H5Tclose, "compound type");
  for (const Column& c : columns)
    if (H5Tinsert(type_, c.name.c_str(), c.offset, c.type) < 0)
      throw Error("HDF5: column " + c.name);
  // The file holds a packed copy of the row type: no padding bytes (whose contents are
  // indeterminate) reach the file, so equal results give byte-identical files.
  Handle file_type(H5Tcopy(type_), H5Tclose, "packed type");
  H5Tpack(file_type);
  hsize_t dims[1] = {0}, maxdims[1] = {H5S_UNLIMITED}, chunk[1] = {chunk_rows};
  Handle space(H5Screate_simple(1, dims, maxdims), H5Sclose, "table dataspace");
  Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "dataset properties");
  H5Pset_chunk(dcpl, 1, chunk);
  H5Pset_shuffle(dcpl);
  // Level 4; a pipeline deflates with its own (cheaper) strategy, which the decoder need not know.
  H5Pset_deflate(dcpl, ChunkPipeline::kLevel);
  dataset_ =
      Handle(H5Dcreate2(parent, name.c_str(), file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
             H5Dclose, ("table " + name).c_str());
  if (pipeline) {
    target_ = std::make_unique<ChunkTarget>();
    target_->dataset = dataset_;
    target_->chunk_rows = chunk_rows;
    ChunkPipeline::plan(*target_, type_, file_type);
  }
  for (const Column& c : columns)
    if (!c.unit.empty()) attr_string(dataset_, c.name + "_unit", c.unit);
  buffer_.resize(row_size * chunk_rows);
}

void TableWriter::append_raw(const void* row) {
  std::memcpy(buffer_.data() + buffered_ * row_size_, row, row_size_);
  if (++buffered_ == chunk_rows_) {
    if (pipeline_)
      hand_over();
    else
      flush();
  }
}

void TableWriter::hand_over() {
  // written_ is a multiple of chunk_rows_ (only the last chunk is short): the chunk's number.
  pipeline_->submit(*target_, buffer_, buffered_, written_ / chunk_rows_);
  written_ += buffered_;
  buffered_ = 0;
}

void TableWriter::flush() {
  if (buffered_ == 0) return;
  if (pipeline_) {
    if (buffered_ == chunk_rows_) hand_over();
    return;
  }
  hsize_t newsize[1] = {written_ + buffered_};
  if (H5Dset_extent(dataset_, newsize) < 0) throw Error("HDF5: extending a table: " + last_error());
  Handle file_space(H5Dget_space(dataset_), H5Sclose, "table space");
  hsize_t start[1] = {written_}, count[1] = {buffered_};
  H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, nullptr, count, nullptr);
  Handle mem_space(H5Screate_simple(1, count, nullptr), H5Sclose, "memory space");
  if (H5Dwrite(dataset_, type_, mem_space, file_space, H5P_DEFAULT, buffer_.data()) < 0)
    throw Error("HDF5: writing table rows: " + last_error());
  written_ += buffered_;
  buffered_ = 0;
}

void TableWriter::close() {
  if (pipeline_) {
    if (buffered_ > 0) hand_over();
    pipeline_->drain(*target_);
    pipeline_->check();
  } else {
    flush();
  }
  const hid_t id = dataset_.release();
  if (id >= 0 && H5Dclose(id) < 0) throw Error("HDF5: writing a table failed: " + last_error());
}

TableWriter::~TableWriter() {
  if (pipeline_) {
    // Not closed (an error or an interruption unwinds): the dataset must outlive its chunks in
    // flight; what is still buffered is dropped with the run.
    pipeline_->drain(*target_);
    return;
  }
  try {
    flush();
  } catch (...) {
    // A destructor must not throw; callers that care call flush() themselves.
  }
}

std::size_t read_table(hid_t loc, const std::string& path, std::size_t row_size,
                       const std::vector<Column>& columns, std::vector<unsigned char>& out) {
  // A result file is input like any other: its shape and types are checked before a byte is
  // read, and its size bounded, so a damaged or foreign file is a clear error, not a crash.
  quiet_errors();
  Handle ds(H5Dopen2(loc, path.c_str(), H5P_DEFAULT), H5Dclose, ("opening " + path).c_str());
  Handle space(H5Dget_space(ds), H5Sclose, ("the shape of " + path).c_str());
  if (H5Sget_simple_extent_ndims(space) != 1)
    throw Error(path + ": not a table (expected one dimension)");
  hsize_t n = 0;
  if (H5Sget_simple_extent_dims(space, &n, nullptr) != 1) throw Error(path + ": unreadable extent");
  Handle file_type(H5Dget_type(ds), H5Tclose, ("the type of " + path).c_str());
  if (H5Tget_class(file_type) != H5T_COMPOUND) throw Error(path + ": not a table of records");
  Handle type(H5Tcreate(H5T_COMPOUND, row_size), H5Tclose, "compound type");
  for (const Column& c : columns) {
    const int i = H5Tget_member_index(file_type, c.name.c_str());
    if (i < 0 && c.optional) continue;  // an older file: the rows keep their zeros
    if (i < 0) throw Error(path + ": no column '" + c.name + "'");
    const H5T_class_t have = H5Tget_member_class(file_type, static_cast<unsigned>(i));
    const H5T_class_t want = H5Tget_class(c.type);
    if (numeric(want) ? !numeric(have) : have != want)
      throw Error(path + ": column '" + c.name + "' has the wrong type");
    if (H5Tinsert(type, c.name.c_str(), c.offset, c.type) < 0)
      throw Error("HDF5: column " + c.name);
  }
  constexpr std::size_t kMaxBytes = std::size_t{1} << 31;  // 2 GiB: far beyond any table we write
  if (row_size == 0 || n > kMaxBytes / row_size)
    throw Error(path + ": " + std::to_string(n) +
                " rows is more than a result table holds; the file is damaged");
  out.assign(static_cast<std::size_t>(n) * row_size, 0);
  if (n > 0 && H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
    throw Error("HDF5: reading " + path + ": " + last_error());
  return static_cast<std::size_t>(n);
}

bool exists(hid_t loc, const std::string& path) {
  // Check each link along the path (H5Lexists needs the parents to exist). A link the library
  // cannot read is an error, never "absent": a reader must not go on from defaults.
  quiet_errors();
  std::size_t pos = 0;
  while (true) {
    std::size_t next = path.find('/', pos + 1);
    std::string prefix = path.substr(0, next);
    if (!prefix.empty() && prefix != "/") {
      const htri_t r = H5Lexists(loc, prefix.c_str(), H5P_DEFAULT);
      if (r < 0)
        throw Error(prefix + ": cannot tell whether it is there (" + last_error() +
                    "); the file is damaged");
      if (r == 0) return false;
    }
    if (next == std::string::npos) return true;
    pos = next;
  }
}

std::vector<std::string> children(hid_t loc, const std::string& path) {
  // The group's header and link count are read (and checked) first, then each link's name by
  // its index, each call checked: nothing walks a damaged link table through a callback
  // (H5Literate over a damaged group crashed inside libhdf5).
  quiet_errors();
  Handle g(H5Gopen2(loc, path.c_str(), H5P_DEFAULT), H5Gclose, ("opening group " + path).c_str());
  H5G_info_t info;
  if (H5Gget_info(g, &info) < 0)
    throw Error(path + ": cannot list the group (" + last_error() + "); the file is damaged");
  constexpr hsize_t kMaxLinks = hsize_t{1} << 20;  // far beyond any group bordersim writes
  if (info.nlinks > kMaxLinks)
    throw Error(path + ": " + std::to_string(info.nlinks) + " links; the file is damaged");
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(info.nlinks));
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    sim::poll_stop();
    const ssize_t len =
        H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (len <= 0 || len > 1024)
      throw Error(path + ": link " + std::to_string(i) + " has no readable name (" + last_error() +
                  "); the file is damaged");
    std::string name(static_cast<std::size_t>(len), '\0');
    if (H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size() + 1,
                           H5P_DEFAULT) != len)
      throw Error(path + ": link " + std::to_string(i) + " has no readable name (" + last_error() +
                  "); the file is damaged");
    if (name.find('/') != std::string::npos || name == "." || name == ".." ||
        std::any_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20; }))
      throw Error(path + ": a link named '" + name + "'; the file is damaged");
    names.push_back(std::move(name));
  }
  return names;
}

double read_attr_double(hid_t obj, const std::string& name) {
  Handle a = open_scalar_attr(obj, name, false);
  double v = 0;
  if (H5Aread(a, H5T_NATIVE_DOUBLE, &v) < 0) throw Error("HDF5: reading attribute " + name);
  return v;
}

}  // namespace outputs::h5
