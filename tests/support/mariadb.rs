//! A private MariaDB server for the tests: its own data directory, socket and
//! port on 127.0.0.1, started once per test binary and killed with it
//! (`setpriv --pdeathsig`), with TLS from a CA made up at start (`openssl`).
//! Each test gets a database of its own, and a user with a password made up
//! at start.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub struct Server {
    pub port: u16,
    pub user: &'static str,
    pub password: String,
    dir: PathBuf,
}

static SERVER: OnceLock<Server> = OnceLock::new();
static NEXT: AtomicUsize = AtomicUsize::new(0);

/// The server, started at the first call.
pub fn server() -> &'static Server {
    SERVER.get_or_init(start)
}

impl Server {
    /// A new, empty database; its store URL (no password in it).
    pub fn database(&self) -> String {
        let name = format!(
            "t{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        self.sql(&format!("CREATE DATABASE {name}"));
        format!("mysql://{}@127.0.0.1:{}/{name}", self.user, self.port)
    }

    /// The CA certificate the server's certificate (for 127.0.0.1) is signed by.
    pub fn ca(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }

    pub fn socket(&self) -> PathBuf {
        self.dir.join("s")
    }

    /// Runs SQL as root through the socket; its output.
    pub fn sql(&self, sql: &str) -> String {
        let out = Command::new("mariadb")
            .args(["--no-defaults", "-uroot", "-N", "-B"])
            .arg(format!("--socket={}", self.dir.join("s").display()))
            .args(["-e", sql])
            .output()
            .expect("mariadb client");
        assert!(
            out.status.success(),
            "{sql}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

fn start() -> Server {
    for tool in ["mariadbd", "mariadb-install-db", "mariadb"] {
        let found = Command::new("sh")
            .args([
                "-c",
                &format!("command -v {tool} || test -x /usr/sbin/{tool}"),
            ])
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            found,
            "{tool} is missing: install mariadb-server (scripts/test.sh does)"
        );
    }
    sweep();
    let dir = std::env::temp_dir().join(format!("{PREFIX}{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("data");
    let root = nix::unistd::Uid::effective().is_root();
    let user = if root {
        "root".to_owned()
    } else {
        nix::unistd::User::from_uid(nix::unistd::Uid::effective())
            .unwrap()
            .unwrap()
            .name
    };
    let install = Command::new("mariadb-install-db")
        .args([
            "--no-defaults",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
        ])
        .arg(format!("--datadir={}", data.display()))
        .arg(format!("--user={user}"))
        .output()
        .expect("mariadb-install-db");
    assert!(
        install.status.success(),
        "mariadb-install-db: {}",
        String::from_utf8_lossy(&install.stderr)
    );
    let certs = Command::new("sh")
        .current_dir(&dir)
        .args([
            "-c",
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=netflow-manager-test-ca \
             && openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1 \
             && printf 'subjectAltName=IP:127.0.0.1\\nbasicConstraints=CA:FALSE\\n' > ext \
             && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile ext",
        ])
        .output()
        .expect("openssl");
    assert!(
        certs.status.success(),
        "openssl: {}",
        String::from_utf8_lossy(&certs.stderr)
    );
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mariadbd = if std::path::Path::new("/usr/sbin/mariadbd").exists() {
        "/usr/sbin/mariadbd"
    } else {
        "mariadbd"
    };
    let (args, log) = (
        vec![
            "--pdeathsig".to_owned(),
            "KILL".to_owned(),
            "--".to_owned(),
            mariadbd.to_owned(),
            "--no-defaults".to_owned(),
            format!("--datadir={}", data.display()),
            format!("--socket={}", dir.join("s").display()),
            format!("--port={port}"),
            "--bind-address=127.0.0.1".to_owned(),
            format!("--user={user}"),
            format!("--pid-file={}", dir.join("pid").display()),
            "--skip-name-resolve".to_owned(),
            "--skip-log-bin".to_owned(),
            "--innodb-buffer-pool-size=64M".to_owned(),
            "--innodb-log-file-size=16M".to_owned(),
            format!("--ssl-ca={}", dir.join("ca.pem").display()),
            format!("--ssl-cert={}", dir.join("server.pem").display()),
            format!("--ssl-key={}", dir.join("server.key").display()),
        ],
        std::fs::File::create(dir.join("log")).unwrap(),
    );
    // Started from a thread that lives as long as the test binary: the death
    // signal follows the thread that started the server, not the process.
    let (started, ready) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let child = Command::new("setpriv")
            .args(&args)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn();
        started.send(child.map(|_| ())).unwrap();
        loop {
            std::thread::park();
        }
    });
    ready.recv().unwrap().expect("setpriv mariadbd");
    let password = format!("{:032x}", rand_u128());
    let server = Server {
        port,
        user: "netflow",
        password,
        dir,
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while Command::new("mariadb")
        .args(["--no-defaults", "-uroot"])
        .arg(format!("--socket={}", server.dir.join("s").display()))
        .args(["-e", "SELECT 1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_or(true, |s| !s.success())
    {
        assert!(
            Instant::now() < deadline,
            "mariadbd did not start: {}",
            std::fs::read_to_string(server.dir.join("log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    server.sql(&format!(
        "CREATE USER {0}@'127.0.0.1' IDENTIFIED BY '{1}'; GRANT ALL ON *.* TO {0}@'127.0.0.1'",
        server.user, server.password
    ));
    server
}

/// The name of a server's directory, before the test binary's process ID.
const PREFIX: &str = "netflow-manager-mariadb-";

/// Removes the directories of servers whose test binary has ended (a server
/// dies with it, but its data stays).
fn sweep() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(PREFIX)) else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !std::path::Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn rand_u128() -> u128 {
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut bytes))
        .unwrap();
    u128::from_le_bytes(bytes)
}
