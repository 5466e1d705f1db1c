#include "outputs/chunk_pipeline.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>

#include "outputs/hdf5.hpp"

namespace outputs {

ChunkPipeline::ChunkPipeline(unsigned workers, std::size_t depth)
    : depth_(depth ? depth : 2 * std::max(1u, workers) + 2) {
  for (unsigned i = 0; i < std::max(1u, workers); ++i) threads_.emplace_back([this] { work(); });
}

ChunkPipeline::~ChunkPipeline() {
  {
    std::lock_guard<std::mutex> lock(m_);
    stop_ = true;
  }
  work_cv_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void ChunkPipeline::plan(ChunkTarget& t, hid_t mem_type, hid_t file_type) {
  t.row_size = H5Tget_size(mem_type);
  t.packed_size = H5Tget_size(file_type);
  t.runs.clear();
  const int n = H5Tget_nmembers(mem_type);
  for (int i = 0; i < n; ++i) {
    char* name = H5Tget_member_name(mem_type, static_cast<unsigned>(i));
    const int j = H5Tget_member_index(file_type, name);
    H5free_memory(name);
    if (j < 0) throw h5::Error("HDF5: a column of the packed row type is missing");
    h5::Handle member(H5Tget_member_type(mem_type, static_cast<unsigned>(i)), H5Tclose,
                      "column type");
    t.runs.push_back({H5Tget_member_offset(mem_type, static_cast<unsigned>(i)),
                      H5Tget_member_offset(file_type, static_cast<unsigned>(j)),
                      H5Tget_size(member)});
  }
  std::sort(t.runs.begin(), t.runs.end(),
            [](const ChunkTarget::Run& a, const ChunkTarget::Run& b) { return a.mem < b.mem; });
  // Adjacent in both layouts: one copy.
  std::vector<ChunkTarget::Run> merged;
  for (const ChunkTarget::Run& r : t.runs) {
    if (!merged.empty() && merged.back().mem + merged.back().size == r.mem &&
        merged.back().file + merged.back().size == r.file)
      merged.back().size += r.size;
    else
      merged.push_back(r);
  }
  t.runs = std::move(merged);
}

void ChunkPipeline::submit(ChunkTarget& t, std::vector<unsigned char>& buffer, std::size_t rows,
                           std::uint64_t index) {
  std::unique_lock<std::mutex> lock(m_);
  done_cv_.wait(lock, [&] { return inflight_.size() < depth_ || !error_.empty(); });
  if (!error_.empty()) throw h5::Error(error_);
  Job* j;
  if (free_.empty()) {
    jobs_.push_back(std::make_unique<Job>());
    j = jobs_.back().get();
  } else {
    j = free_.back();
    free_.pop_back();
  }
  j->target = &t;
  j->nrows = rows;
  j->index = index;
  j->ready = false;
  const std::size_t bytes = buffer.size();
  j->rows.swap(buffer);
  buffer.resize(bytes);  // the recycled storage: allocates only until every size has been seen
  ++t.pending;
  inflight_.push_back(j);
  todo_.push_back(j);
  lock.unlock();
  work_cv_.notify_one();
}

void ChunkPipeline::drain(ChunkTarget& t) {
  std::unique_lock<std::mutex> lock(m_);
  done_cv_.wait(lock, [&] { return t.pending == 0; });
}

void ChunkPipeline::check() const {
  std::lock_guard<std::mutex> lock(m_);
  if (!error_.empty()) throw h5::Error(error_);
}

std::uint64_t ChunkPipeline::bytes_written() const {
  std::lock_guard<std::mutex> lock(m_);
  return bytes_;
}

void ChunkPipeline::compress(Job& job, std::vector<unsigned char>& packed,
                             std::vector<unsigned char>& shuffled, void* zstream) {
  const ChunkTarget& t = *job.target;
  const std::size_t n = t.chunk_rows, size = t.packed_size, bytes = n * size;
  // Pack: the file's compound layout, a full chunk (rows past the end are the fill value, 0).
  packed.resize(bytes);
  if (job.nrows < n) std::memset(packed.data() + job.nrows * size, 0, (n - job.nrows) * size);
  for (std::size_t r = 0; r < job.nrows; ++r) {
    const unsigned char* src = job.rows.data() + r * t.row_size;
    unsigned char* dst = packed.data() + r * size;
    for (const ChunkTarget::Run& run : t.runs) std::memcpy(dst + run.file, src + run.mem, run.size);
  }
  // Shuffle (H5Z_filter_shuffle): byte j of element i goes to j * n + i.
  shuffled.resize(bytes);
  for (std::size_t b = 0; b < size; ++b) {
    const unsigned char* src = packed.data() + b;
    unsigned char* dst = shuffled.data() + b * n;
    for (std::size_t i = 0; i < n; ++i) dst[i] = src[i * size];
  }
  // Deflate: a zlib stream, as H5Z_filter_deflate writes and reads them.
  z_stream* z = static_cast<z_stream*>(zstream);
  deflateReset(z);
  job.out.resize(deflateBound(z, bytes));
  z->next_in = shuffled.data();
  z->avail_in = static_cast<uInt>(bytes);
  z->next_out = job.out.data();
  z->avail_out = static_cast<uInt>(job.out.size());
  const int rc = deflate(z, Z_FINISH);
  job.out.resize(rc == Z_STREAM_END ? job.out.size() - z->avail_out : 0);
}

void ChunkPipeline::work() {
  h5::quiet_errors();
  z_stream z{};
  deflateInit2(&z, kLevel, Z_DEFLATED, 15, 8, Z_RLE);
  std::vector<unsigned char> packed, shuffled;
  std::unique_lock<std::mutex> lock(m_);
  for (;;) {
    work_cv_.wait(lock, [&] { return stop_ || !todo_.empty(); });
    if (todo_.empty()) break;  // stopping, and everything handed over is taken
    Job* j = todo_.front();
    todo_.pop_front();
    const bool skip = !error_.empty();
    lock.unlock();
    if (!skip) compress(*j, packed, shuffled, &z);
    lock.lock();
    j->ready = true;
    write_in_order(lock);
  }
  deflateEnd(&z);
  // HDF5 keeps an error stack per thread and does not empty it when the thread ends.
  H5Eclear2(H5E_DEFAULT);
}

// Writes the compressed chunks at the front of the hand-over order, one writer at a time.
void ChunkPipeline::write_in_order(std::unique_lock<std::mutex>& lock) {
  while (!writing_ && !inflight_.empty() && inflight_.front()->ready) {
    writing_ = true;
    Job* j = inflight_.front();
    const bool ok = error_.empty();
    lock.unlock();
    std::string why;
    if (ok) {
      ChunkTarget& t = *j->target;
      const hsize_t first = j->index * t.chunk_rows;
      const hsize_t extent[1] = {first + j->nrows}, offset[1] = {first};
      if (j->out.empty())
        why = "HDF5: compressing table rows failed";
      else if (H5Dset_extent(t.dataset, extent) < 0)
        why = "HDF5: extending a table: " + h5::last_error();
      else if (H5Dwrite_chunk(t.dataset, H5P_DEFAULT, 0, offset, j->out.size(), j->out.data()) < 0)
        why = "HDF5: writing table rows: " + h5::last_error();
    }
    lock.lock();
    if (ok && why.empty()) bytes_ += j->out.size();
    if (!why.empty() && error_.empty()) error_ = why;
    inflight_.pop_front();
    --j->target->pending;
    free_.push_back(j);
    writing_ = false;
    done_cv_.notify_all();
  }
}

}  // namespace outputs
