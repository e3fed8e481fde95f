// Owner pages: import a CSV file. Sends the file as the body of one request (the session cookie and the form's
// CSRF token go with it), shows the upload's progress from the browser, then the rows the server has read and
// written by asking for the background job's progress until it has committed or failed.
(function () {
    'use strict';

    var form = document.querySelector('form.import-form');
    var file = document.getElementById('import-file');
    var start = document.getElementById('import-start');
    if (!form || !file || !start || !window.XMLHttpRequest || !window.Blob || !Blob.prototype.text) {
        return;
    }
    var csrf = form.querySelector('input[name="_csrf"]');
    var section = document.getElementById('import-progress');
    var phase = document.getElementById('import-phase');
    var bar = document.getElementById('import-bar');
    var counts = document.getElementById('import-counts');
    var done = document.getElementById('import-done');
    var failed = document.getElementById('import-failed');
    var failedDetail = document.getElementById('import-failed-detail');
    var errors = document.getElementById('import-errors');
    var POLL_MILLISECONDS = 500;
    var number = new Intl.NumberFormat();
    start.disabled = false;

    function finish() {
        start.disabled = false;
        file.disabled = false;
    }

    function fail(detail, lines) {
        section.hidden = true;
        failedDetail.textContent = detail;
        errors.textContent = '';
        (lines || []).forEach(function (error) {
            var item = document.createElement('li');
            item.textContent = 'Line ' + error.line + ': ' + error.message;
            errors.appendChild(item);
        });
        failed.hidden = false;
        finish();
    }

    function json(text) {
        try {
            return JSON.parse(text);
        } catch (notJson) {
            return null;
        }
    }

    // rows in the file, estimated from its first 64 KiB: a count of a large file's lines would read all of it
    function estimateRows(chosen) {
        var sample = chosen.slice(0, 65536);
        return sample.text().then(function (text) {
            var lines = text.split('\n').length - 1 || 1;
            var rows = chosen.size <= sample.size ? lines - 1 : Math.round(chosen.size / (sample.size / lines)) - 1;
            return Math.max(rows, 1);
        });
    }

    function follow(progressUrl, expectedRows) {
        phase.textContent = 'Importing';
        bar.max = expectedRows;
        bar.value = 0;
        var request = new XMLHttpRequest();
        request.open('GET', progressUrl);
        request.setRequestHeader('Accept', 'application/json');
        request.addEventListener('load', function () {
            var job = json(request.responseText);
            if (request.status !== 200 || !job) {
                fail('The import\u2019s progress could not be read (' + request.status + '). It may still finish:'
                    + ' check your list of businesses.');
                return;
            }
            bar.max = Math.max(expectedRows, job.rowsRead);
            bar.value = job.rowsRead;
            counts.textContent = number.format(job.rowsRead) + ' rows read, ' + number.format(job.rowsWritten)
                + ' written (' + number.format(Math.round(job.rowsPerSecond)) + ' rows/s)';
            if (job.state === 'committed') {
                bar.max = Math.max(job.rowsWritten, 1);
                bar.value = bar.max;
                phase.textContent = 'Imported';
                done.textContent = 'Imported ' + number.format(job.rowsWritten) + ' businesses.';
                done.hidden = false;
                finish();
            } else if (job.state === 'failed') {
                fail(job.failure ? job.failure.detail : 'The import failed; nothing was imported.', job.errors);
            } else {
                window.setTimeout(function () { follow(progressUrl, expectedRows); }, POLL_MILLISECONDS);
            }
        });
        request.addEventListener('error', function () {
            window.setTimeout(function () { follow(progressUrl, expectedRows); }, POLL_MILLISECONDS * 4);
        });
        request.send();
    }

    function upload(chosen, expectedRows) {
        var request = new XMLHttpRequest();
        request.open('POST', form.action);
        request.setRequestHeader('Content-Type', 'text/csv');
        request.setRequestHeader('Accept', 'application/json');
        if (csrf) {
            request.setRequestHeader('X-CSRF-TOKEN', csrf.value);
        }
        request.upload.addEventListener('progress', function (event) {
            if (event.lengthComputable) {
                bar.max = event.total;
                bar.value = event.loaded;
                counts.textContent = number.format(Math.round(event.loaded / 1024)) + ' of '
                    + number.format(Math.round(event.total / 1024)) + ' KiB sent';
            }
        });
        request.addEventListener('load', function () {
            var answer = json(request.responseText);
            if (request.status === 202 && answer && answer.progress) {
                follow(answer.progress, expectedRows);
            } else {
                fail(answer && answer.detail ? answer.detail
                    : 'The upload was refused (' + request.status + '); nothing was imported.', answer && answer.errors);
            }
        });
        request.addEventListener('error', function () {
            fail('The upload did not reach the server; nothing was imported. Try again.');
        });
        request.send(chosen);
    }

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        var chosen = file.files[0];
        done.hidden = true;
        failed.hidden = true;
        if (!chosen) {
            fail('Choose a CSV file first.');
            return;
        }
        start.disabled = true;
        file.disabled = true;
        phase.textContent = 'Uploading ' + chosen.name;
        counts.textContent = '';
        bar.max = Math.max(chosen.size, 1);
        bar.value = 0;
        section.hidden = false;
        estimateRows(chosen).then(function (rows) { upload(chosen, rows); },
            function () { fail('The file could not be read.'); });
    });
}());
