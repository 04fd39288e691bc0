"""Self-voicing's speakers, without a window: which back end each platform gets, the commands
they run (argument lists; the text never part of a shell string or an option), a real child
process spoken to, cut off and stopped, what SelfVoicing gathers into one utterance, and
eSpeak NG writing real speech to a WAV file when it is installed."""
from __future__ import annotations

import array
import math
import shutil
import sys
import time
import wave

import pytest

from vn.save.settings import Settings
from vn.ui.speech import SelfVoicing, SpeechChoice, choose_speaker
from vn.ui.speech.espeak import EspeakSpeaker
from vn.ui.speech.macos_say import SaySpeaker
from vn.ui.speech.recording import RecordingSpeaker
from vn.ui.speech.sapi import SapiSpeaker
from vn.ui.speech.spd_say import SpdSaySpeaker
from vn.ui.speech.speaker import ProcessSpeaker

HOSTILE = '-rf "$(touch /tmp/x)"; `echo hi` & | > out'


def finder(*present: str):
    return lambda name: f"/usr/bin/{name}" if name in present else None


# -- choosing a back end -------------------------------------------------------------------------
@pytest.mark.parametrize("platform, present, expected", [
    ("linux", ("spd-say", "espeak-ng"), SpdSaySpeaker),
    ("linux", ("espeak-ng",), EspeakSpeaker),
    ("freebsd13", ("espeak-ng",), EspeakSpeaker),
    ("win32", ("powershell",), SapiSpeaker),
    ("darwin", ("say", "espeak-ng"), SaySpeaker),
])
def test_each_platform_gets_its_own_speech(platform, present, expected):
    choice = choose_speaker(platform, finder(*present), env={})
    assert type(choice.speaker) is expected
    assert choice.speaker.executable == f"/usr/bin/{expected.program}"


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_no_speech_program_is_unavailable_with_a_reason(platform):
    choice = choose_speaker(platform, finder(), env={})
    assert choice.speaker is None
    assert choice.reason and ("no speech program" in choice.reason or "not found" in choice.reason)


def test_the_environment_chooses_the_recorder_none_or_a_named_back_end():
    assert isinstance(choose_speaker("linux", finder(), env={"VN_SPEECH": "record"}).speaker, RecordingSpeaker)
    off = choose_speaker("linux", finder("espeak-ng"), env={"VN_SPEECH": "none"})
    assert off.speaker is None and "VN_SPEECH=none" in off.reason
    assert isinstance(choose_speaker("linux", finder("spd-say", "espeak-ng"), env={"VN_SPEECH": "espeak-ng"}).speaker,
                      EspeakSpeaker)
    assert choose_speaker("linux", finder(), env={"VN_SPEECH": "say"}).reason == "say was not found"


# -- the commands --------------------------------------------------------------------------------
def test_commands_are_argument_lists_that_never_read_the_text_as_options():
    spd = SpdSaySpeaker("/usr/bin/spd-say").command(HOSTILE)
    assert spd == ["/usr/bin/spd-say", "--wait", "--", HOSTILE]      # after "--", only text
    for speaker in (EspeakSpeaker("/usr/bin/espeak-ng"), SaySpeaker("/usr/bin/say"),
                    SapiSpeaker("C:/powershell.exe")):
        command = speaker.command(HOSTILE)
        assert all(HOSTILE not in part for part in command)        # the text goes in on stdin
        assert speaker.stdin_text(HOSTILE) == HOSTILE
    assert EspeakSpeaker("espeak-ng", wav_path="/tmp/a.wav").command("x")[:3] == ["espeak-ng", "-w", "/tmp/a.wav"]


class Listener(ProcessSpeaker):
    """A real child process that reads its text from stdin, writes it down, and keeps talking."""
    def __init__(self, out):
        super().__init__(sys.executable)
        self.out = out

    def command(self, text):
        script = ("import sys, time; data = sys.stdin.buffer.read(); "
                  f"open({str(self.out)!r}, 'wb').write(data); time.sleep(30)")
        return [self.executable, "-c", script]

    def stdin_text(self, text):
        return text


def wait_for(check, seconds=10.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.02)
    return False


def test_a_process_speaker_speaks_without_waiting_is_cut_off_and_stops(tmp_path):
    out = tmp_path / "heard.txt"
    speaker = Listener(out)
    started = time.monotonic()
    speaker.speak(HOSTILE + " \u00e9t\u00e9")
    assert time.monotonic() - started < 2.0          # it returns at once; the child talks on
    first = speaker._process
    assert speaker.speaking()
    assert wait_for(lambda: out.exists() and out.stat().st_size > 0)
    assert out.read_bytes().decode("utf-8") == HOSTILE + " \u00e9t\u00e9"     # verbatim: no shell saw it
    speaker.speak("the next line")                   # cuts the first one off
    assert wait_for(lambda: first.poll() is not None)
    assert speaker.speaking()
    speaker.stop()
    assert not speaker.speaking()
    assert wait_for(lambda: not speaker.speaking() and not speaker._ending)     # the child is ended and reaped


def test_a_program_that_cannot_start_is_silence_and_a_reason(tmp_path):
    speaker = EspeakSpeaker(str(tmp_path / "no-such-program"))
    speaker.speak("hello")
    assert not speaker.speaking() and "could not be started" in speaker.error


# -- what self-voicing gathers -------------------------------------------------------------------
class FakeScreen:
    def __init__(self, title=None, focus=None):
        self.spoken_title, self.focus = title, focus

    def spoken_focus(self):
        return self.focus


def test_a_frame_says_the_title_then_the_focus_once_and_only_when_it_changes():
    settings = Settings(self_voicing=True)
    recorder = RecordingSpeaker()
    voicing = SelfVoicing(settings, SpeechChoice(recorder))
    screen = FakeScreen("Settings", "Text speed, 45 / s, slider")
    voicing.say("the gun clicks empty")
    assert voicing.update(screen)
    assert recorder.spoken == ["Settings. the gun clicks empty. Text speed, 45 / s, slider"]
    voicing.update(screen)
    assert len(recorder.spoken) == 1                  # nothing changed: nothing said
    screen.focus = "Text speed, 50 / s, slider"
    voicing.update(screen)
    assert recorder.spoken[-1] == "Text speed, 50 / s, slider"
    voicing.stop()
    assert not recorder.speaking() and recorder.stops == 1
    voicing.update(screen)                            # after a stop, what has the focus is said afresh
    assert recorder.spoken[-1] == "Text speed, 50 / s, slider"


def test_off_or_unavailable_says_nothing_and_the_toggle_tells_why():
    settings = Settings()
    recorder = RecordingSpeaker()
    voicing = SelfVoicing(settings, SpeechChoice(recorder))
    voicing.say("unheard")
    assert not voicing.update(FakeScreen("Title", "Focus"))
    assert recorder.spoken == []
    assert voicing.toggle() == "Self-voicing on" and settings.self_voicing
    voicing.update(FakeScreen("Title"))
    assert recorder.spoken == ["Self-voicing on. Title"]
    assert voicing.toggle() == "Self-voicing off" and not recorder.speaking()
    none = SelfVoicing(Settings(self_voicing=True), SpeechChoice(None, "no speech program found"))
    assert not none.on and none.toggle() == "Self-voicing is unavailable: no speech program found."
    none.update(FakeScreen("Title"))                 # no speaker: nothing to call, nothing breaks


# -- real speech -------------------------------------------------------------------------------
def speech_energy(path):
    """(seconds, loud share, quiet share) of a mono 16-bit WAV, in 20 ms windows."""
    with wave.open(str(path), "rb") as wav:
        assert wav.getsampwidth() == 2 and wav.getnchannels() == 1
        rate = wav.getframerate()
        samples = array.array("h", wav.readframes(wav.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    window = rate // 50
    levels = [math.sqrt(sum(s * s for s in samples[n:n + window]) / window)
              for n in range(0, len(samples) - window, window)]
    loud = sum(level > 1000 for level in levels) / max(len(levels), 1)
    quiet = sum(level < 300 for level in levels) / max(len(levels), 1)
    return len(samples) / rate, loud, quiet


@pytest.mark.skipif(shutil.which("espeak-ng") is None,
                    reason="espeak-ng is not installed: the real-speech check needs it (apt-get install espeak-ng)")
def test_espeak_ng_speaks_a_line_into_a_wav_file_that_holds_speech(tmp_path):
    out = tmp_path / "line.wav"
    speaker = EspeakSpeaker(shutil.which("espeak-ng"), wav_path=str(out))
    speaker.speak("Xander: The bar was quiet tonight, and the rain had not stopped since noon.")
    speaker.wait(30)
    seconds, loud, quiet = speech_energy(out)
    assert 1.5 < seconds < 20                        # a sentence's worth of sound
    assert loud > 0.3                                # mostly voiced
    assert quiet > 0.03                              # with the gaps between words that speech has
