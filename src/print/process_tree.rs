//! Running a program so that everything it starts ends with it: Chromium starts helper
//! processes (zygote, GPU, crash handler) that a plain kill leaves running. On Unix the program
//! gets a process group of its own, on Windows a Job Object that is killed whole.

use std::io;
use std::process::{Child, Command, ExitStatus};

/// A started program and the processes it started.
pub struct ProcessTree {
    child: Child,
    #[cfg(windows)]
    job: Option<job::Job>,
}

impl ProcessTree {
    /// Starts `command` as the root of a new tree.
    pub fn spawn(command: &mut Command) -> io::Result<ProcessTree> {
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(command, 0);
        let child = command.spawn()?;
        Ok(ProcessTree {
            // Processes the child starts from now on are in the job; it has not had the time
            // to start any before this (Chromium starts its helpers after loading itself).
            #[cfg(windows)]
            job: job::Job::holding(&child),
            child,
        })
    }

    /// The program's exit status, if it has ended.
    pub fn try_wait(&mut self) -> io::Result<Option<ExitStatus>> {
        self.child.try_wait()
    }

    /// Ends every process of the tree still running (none may be: that is the normal case).
    pub fn kill(&mut self) {
        #[cfg(unix)]
        if let Some(group) = rustix::process::Pid::from_raw(self.child.id() as i32) {
            let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
        }
        #[cfg(windows)]
        if let Some(job) = &self.job {
            job.terminate();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ProcessTree {
    fn drop(&mut self) {
        self.kill();
    }
}

#[cfg(windows)]
mod job {
    use std::os::windows::io::AsRawHandle;
    use std::process::Child;

    use windows_sys::Win32::Foundation::{CloseHandle, HANDLE};
    use windows_sys::Win32::System::JobObjects::{
        AssignProcessToJobObject, CreateJobObjectW, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION, JobObjectExtendedLimitInformation,
        SetInformationJobObject, TerminateJobObject,
    };

    /// A Job Object holding a process and its descendants; closing it ends them all.
    pub struct Job(HANDLE);

    impl Job {
        /// A new job holding `child`, or `None` where jobs cannot be made (the child is then
        /// ended alone).
        pub fn holding(child: &Child) -> Option<Job> {
            // SAFETY: plain Win32 calls on a handle this function owns and a zeroed struct of
            // the documented size; the child's handle stays valid while `child` lives.
            unsafe {
                let handle = CreateJobObjectW(std::ptr::null(), std::ptr::null());
                if handle.is_null() {
                    return None;
                }
                let job = Job(handle);
                let mut limits: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = std::mem::zeroed();
                limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
                let set = SetInformationJobObject(
                    job.0,
                    JobObjectExtendedLimitInformation,
                    (&raw const limits).cast(),
                    size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
                );
                let assigned = AssignProcessToJobObject(job.0, child.as_raw_handle() as HANDLE);
                (set != 0 && assigned != 0).then_some(job)
            }
        }

        /// Ends every process in the job.
        pub fn terminate(&self) {
            // SAFETY: `self.0` is a job handle owned by `self`.
            unsafe {
                TerminateJobObject(self.0, 1);
            }
        }
    }

    impl Drop for Job {
        fn drop(&mut self) {
            // SAFETY: closed once, here; KILL_ON_JOB_CLOSE ends what is left.
            unsafe {
                CloseHandle(self.0);
            }
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// A grandchild (here a `sleep` started by the shell in the background) ends with the tree.
    #[test]
    fn killing_the_tree_ends_the_grandchildren() {
        let dir = tempfile::tempdir().unwrap();
        let pid_file = dir.path().join("pid");
        let script = format!("sleep 30 & echo $! > '{}'; wait", pid_file.display());
        let mut tree = ProcessTree::spawn(Command::new("sh").args(["-c", &script])).unwrap();
        let started = Instant::now();
        let grandchild = loop {
            if let Ok(text) = std::fs::read_to_string(&pid_file)
                && let Ok(pid) = text.trim().parse::<i32>()
            {
                break pid;
            }
            assert!(started.elapsed() < Duration::from_secs(10), "no grandchild");
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(tree.try_wait().unwrap().is_none());
        tree.kill();
        // Running, or stopped but not yet reaped (a zombie: dead).
        let alive = || {
            std::fs::read_to_string(format!("/proc/{grandchild}/stat")).is_ok_and(|stat| {
                stat.rsplit(')')
                    .next()
                    .is_some_and(|s| !s.trim_start().starts_with('Z'))
            })
        };
        let started = Instant::now();
        while alive() && started.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(!alive(), "the grandchild {grandchild} outlived the tree");
    }
}
