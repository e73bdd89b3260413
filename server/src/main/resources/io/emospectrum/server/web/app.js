// The live page: streams a WAV file or the microphone to /v1/calls (the native protocol,
// PCM16 at 16 kHz) and draws each window's reading as it arrives.
'use strict';
const RATE = 16000;
const CATEGORIES = ['neutral', 'happiness', 'sadness', 'anger', 'fear', 'disgust', 'surprise'];
const COLORS = ['#9e9e9e', '#f4b400', '#4285f4', '#db4437', '#8e24aa', '#0f9d58', '#ff6d00'];
const $ = (id) => document.getElementById(id);
const readings = [];
let ws = null;
let stopAudio = null;

const hash = new URLSearchParams(location.hash.slice(1));
$('token').value = hash.get('token') || '';
$('legend').innerHTML = CATEGORIES.map((c, i) => `<span><i style="background:${COLORS[i]}"></i>${c}</span>`).join('')
  + '<span><i style="background:#000;height:2px"></i>valence</span>';

function status(text) { $('status').textContent = text; }

function connect(channels, onOpen) {
  readings.length = 0;
  $('readings').innerHTML = '';
  $('summary').textContent = '';
  draw();
  const token = $('token').value.trim();
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/v1/calls'
    + (token ? '?access_token=' + encodeURIComponent(token) : '');
  ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  ws.onopen = () => {
    ws.send(JSON.stringify({
      type: 'start', callId: 'page-' + Date.now(), sampleRate: RATE, encoding: 'pcm16', channels,
      customerChannel: channels === 2 ? 1 : 0, agentChannel: channels === 2 ? 0 : -1,
    }));
    status('Streaming...');
    $('stop').disabled = false;
    onOpen();
  };
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (m.type === 'window') addReading(m);
    else if (m.type === 'summary') $('summary').textContent = JSON.stringify(m, null, 2);
    else if (m.type === 'error') status(`Error ${m.code}: ${m.message}`);
  };
  ws.onclose = (e) => {
    if (stopAudio) { stopAudio(); stopAudio = null; }
    $('stop').disabled = true;
    status(`Call closed (${e.code}${e.reason ? ': ' + e.reason : ''}); ${readings.length} readings.`);
  };
}

function sendPcm(interleaved) {
  if (!ws || ws.readyState !== WebSocket.OPEN) return;
  const pcm = new Int16Array(interleaved.length);
  for (let i = 0; i < interleaved.length; i++) {
    const s = Math.max(-1, Math.min(1, interleaved[i]));
    pcm[i] = s < 0 ? s * 32768 : s * 32767;
  }
  ws.send(pcm.buffer);
}

function stop() {
  if (stopAudio) { stopAudio(); stopAudio = null; }
  if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'stop' }));
  $('stop').disabled = true;
}

async function streamFile() {
  const file = $('file').files[0];
  if (!file) return;
  const ctx = new AudioContext({ sampleRate: RATE });
  let audio;
  try {
    audio = await ctx.decodeAudioData(await file.arrayBuffer());
  } catch (err) {
    status('Cannot decode this file: ' + err);
    return;
  } finally {
    ctx.close();
  }
  const channels = Math.min(2, audio.numberOfChannels);
  const data = [];
  for (let c = 0; c < channels; c++) data.push(audio.getChannelData(c));
  connect(channels, () => {
    // Real time, in 20 ms frames, as a call arrives.
    const frame = RATE / 50;
    const t0 = performance.now();
    let sent = 0;
    const timer = setInterval(() => {
      const due = Math.min(audio.length, Math.floor((performance.now() - t0) / 1000 * RATE));
      while (sent + frame <= due || (due === audio.length && sent < due)) {
        const n = Math.min(frame, audio.length - sent);
        const chunk = new Float32Array(n * channels);
        for (let i = 0; i < n; i++) for (let c = 0; c < channels; c++) chunk[i * channels + c] = data[c][sent + i];
        sendPcm(chunk);
        sent += n;
      }
      if (sent >= audio.length) { clearInterval(timer); stopAudio = null; stop(); }
    }, 20);
    stopAudio = () => clearInterval(timer);
  });
}

async function useMicrophone() {
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: false,
      noiseSuppression: false, autoGainControl: false } });
  } catch (err) {
    status('No microphone: ' + err);
    return;
  }
  const ctx = new AudioContext({ sampleRate: RATE });
  const source = ctx.createMediaStreamSource(stream);
  // ScriptProcessorNode is deprecated but needs no separate worklet module; 2048 frames = 128 ms.
  const proc = ctx.createScriptProcessor(2048, 1, 1);
  connect(1, () => {
    proc.onaudioprocess = (e) => sendPcm(e.inputBuffer.getChannelData(0));
    source.connect(proc);
    proc.connect(ctx.destination);
    ctx.resume();
  });
  stopAudio = () => {
    proc.onaudioprocess = null;
    source.disconnect();
    proc.disconnect();
    stream.getTracks().forEach((t) => t.stop());
    ctx.close();
  };
}

function addReading(m) {
  readings.push(m);
  const li = document.createElement('li');
  li.className = 'reading';
  li.dataset.start = m.start;
  li.dataset.end = m.end;
  li.dataset.dominant = m.dominant;
  li.textContent = `${m.start.toFixed(1)}-${m.end.toFixed(1)} s ${m.subject || ''}: ${m.dominant} `
    + `${(m.spectrum[m.dominant]).toFixed(2)}, valence ${m.spectrum.valence.toFixed(2)}, arousal `
    + `${m.spectrum.arousal.toFixed(2)}, confidence ${m.confidence.toFixed(2)}`;
  $('readings').appendChild(li);
  li.scrollIntoView({ block: 'nearest' });
  status(`Streaming... ${readings.length} readings`);
  draw();
}

function draw() {
  const cv = $('timeline');
  const g = cv.getContext('2d');
  const W = cv.width, H = cv.height, pad = 30;
  g.clearRect(0, 0, W, H);
  const tMax = Math.max(10, ...readings.map((r) => r.end));
  const x = (t) => pad + (W - 2 * pad) * t / tMax;
  const bandTop = 10, bandH = 90;
  // Stacked category probabilities per window.
  for (const r of readings) {
    let y = bandTop;
    CATEGORIES.forEach((c, i) => {
      const h = bandH * r.spectrum[c];
      g.fillStyle = COLORS[i];
      g.fillRect(x(r.start + (r.end - r.start) / 2 - 0.25), y, Math.max(2, x(0.5) - x(0)), h);
      y += h;
    });
  }
  // Valence on [-1, 1].
  const vTop = bandTop + bandH + 20, vH = H - vTop - 20;
  const vy = (v) => vTop + vH * (1 - (v + 1) / 2);
  g.strokeStyle = '#ccc';
  g.beginPath(); g.moveTo(pad, vy(0)); g.lineTo(W - pad, vy(0)); g.stroke();
  g.fillStyle = '#666'; g.font = '11px sans-serif';
  g.fillText('+1', 4, vy(1) + 4); g.fillText('0', 4, vy(0) + 4); g.fillText('-1', 4, vy(-1) + 4);
  g.fillText(`${tMax.toFixed(0)} s`, W - pad - 10, H - 4);
  g.strokeStyle = '#000'; g.lineWidth = 2;
  g.beginPath();
  readings.forEach((r, i) => {
    const px = x((r.start + r.end) / 2), py = vy(r.spectrum.valence);
    if (i === 0) g.moveTo(px, py); else g.lineTo(px, py);
  });
  g.stroke();
  g.lineWidth = 1;
}

$('file').addEventListener('change', () => { $('streamFile').disabled = !$('file').files.length; });
$('streamFile').addEventListener('click', streamFile);
$('mic').addEventListener('click', useMicrophone);
$('stop').addEventListener('click', stop);
draw();
if (new URLSearchParams(location.search).get('autostart') === 'mic') useMicrophone();
