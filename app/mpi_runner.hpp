// Replications and sweep points over MPI ranks (OpenMPI; built with -DBORDERSIM_MPI=ON, the
// default when CMake finds MPI).
//
//   mpirun -np 4 bordersim sweep s.yaml --set a=1,2,3 --threads 2 -o out.h5
//   srun -n 64 -c 4 bordersim sweep s.yaml --set ... --threads 4 -o out.h5      (Slurm)
//
// Every rank parses the same command line and loads the same scenarios. Rank 0 writes the one
// result file (under its lock, through `.partial`, renamed when complete: the guarantees of a
// single process) and the terminal output; the other ranks only compute. The work is the list of
// (scenario, replication) tasks in the order rank 0 writes them, handed out one at a time from
// rank 0 to whichever thread of whichever rank asks next, rank 0's own threads included:
// dynamic self-scheduling. Points of uneven cost balance themselves (a slow point simply holds
// one thread longer) with no cost model to get wrong, at the price of one small message per
// replication, nothing beside a replication's seconds. Rank 0 hands out at most a window of tasks
// ahead of the one it is writing, so the records it holds stay bounded.
//
// A worker sends back each replication's metrics and the table rows rank 0 writes for it
// (outputs/replication_record.hpp); rank 0 writes them in replication order, so the file holds
// the same datasets, bit for bit, as a run in one process with the same seed.
//
// BORDERSIM_MPI_TRACE=1 in the environment has rank 0 say on stderr which rank ran each
// replication it writes.
//
// Launched without mpirun or srun (no OMPI_COMM_WORLD_SIZE, PMIX_RANK or PMI_RANK in the
// environment), bordersim never initialises MPI. A failure on rank 0 (a usage error, a full
// disk, Ctrl-C) aborts every rank once rank 0 has cleaned up, since the others would wait for
// work forever; a failed replication on a worker is reported by rank 0 as it would be locally.
#pragma once

namespace app::mpi {

// Initialises MPI when launched by mpirun or srun; installs the distribution of the commands
// (app/distribution.hpp) when there is more than one rank. Does nothing otherwise, or when
// bordersim is built without MPI (then a launch under mpirun runs N independent copies: warned).
class Session {
 public:
  Session(int& argc, char**& argv);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  bool active() const { return active_; }
  bool root() const { return rank_ == 0; }
  int rank() const { return rank_; }
  int size() const { return size_; }
  // The exit code to return from main: finalises MPI after success; after a failure on rank 0,
  // aborts the job with that code (the other ranks may be waiting for work).
  // `answered`: a non-zero code that is an answer (an infeasible optimisation, a missed
  // calibration target), reached with every rank done: no abort, a plain finalise.
  int finish(int rc, bool answered = false);

 private:
  bool active_ = false, finished_ = false;
  int rank_ = 0, size_ = 1;
};

}  // namespace app::mpi
