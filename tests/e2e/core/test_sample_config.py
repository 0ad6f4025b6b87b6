"""echo_supervisord_conf prints a sample our daemon accepts; so does the reference's sample."""

import subprocess

import harness


def check(config_text, tmp_path):
    path = tmp_path / "sample.conf"
    path.write_text(config_text)
    return subprocess.run([harness.binary("ours", "supervisord"), "--check", "-c", str(path)],
                          capture_output=True, text=True, timeout=30)


def test_sample_configs_pass_check(impl, tmp_path):
    sample = subprocess.run([harness.binary(impl, "echo_supervisord_conf")],
                            capture_output=True, text=True, timeout=30)
    assert sample.returncode == 0 and "[supervisord]" in sample.stdout and "[program:" in sample.stdout
    result = check(sample.stdout, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "%s: OK" % (tmp_path / "sample.conf")


def test_check_rejects_a_bad_config(impl, tmp_path):
    harness.deliberate_difference(impl, "--check is ours")
    result = check("[supervisord]\n[program:x]\ncommand=sleep 1\nautostart=maybe\n", tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("Error: not a valid boolean value: 'maybe'")
    assert result.stderr.splitlines()[0].endswith("sample.conf:4)")
