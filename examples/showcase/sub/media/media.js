const WEST_LAKE = { latitude: 30.2596, longitude: 120.1303 };

Page({
  data: {
    video: 'https://example.com/showcase/clip.mp4',
    videoStatus: 'paused at 0 s',
    audioStatus: 'not playing',
    center: WEST_LAKE,
    markers: [
      { id: 1, latitude: 30.2666, longitude: 120.1509, title: '断桥', callout: { content: '断桥残雪' } },
      { id: 2, latitude: 30.2446, longitude: 120.1421, title: '雷峰塔' },
      { id: 3, latitude: 30.2502, longitude: 120.1176, title: '花港观鱼' },
    ],
    route: [{ points: [{ latitude: 30.2666, longitude: 120.1509 }, { latitude: 30.2446, longitude: 120.1421 }], color: '#1677ff', width: 3 }],
    mapStatus: 'tap a marker',
  },

  onReady() {
    this.video = my.createVideoContext('clip');
  },

  playVideo() {
    this.video.play();
  },

  pauseVideo() {
    this.video.pause();
  },

  onVideo(event) {
    this.setData({ videoStatus: `${event.type === 'play' ? 'playing' : event.type === 'ended' ? 'ended' : 'paused'} at ${this.time || 0} s` });
  },

  onVideoTime(event) {
    this.time = event.detail.currentTime;
    this.setData({ videoStatus: `playing at ${this.time} s` });
  },

  playAudio() {
    if (!my.canIUse('createInnerAudioContext')) {
      this.setData({ audioStatus: 'this host plays no audio' });
      return;
    }
    const song = this.song || (this.song = my.createInnerAudioContext());
    song.onPlay(() => this.setData({ audioStatus: 'playing' }));
    song.onEnded(() => this.setData({ audioStatus: `ended after ${song.duration} s` }));
    song.onError((error) => this.setData({ audioStatus: `error ${error.error}` }));
    song.src = 'https://example.com/showcase/song.mp3';
    song.play();
  },

  onMarkerTap(event) {
    const marker = this.data.markers.find((m) => m.id === event.detail.markerId);
    this.setData({ mapStatus: `marker ${marker ? marker.title : event.detail.markerId}` });
  },

  choosePlace() {
    my.chooseLocation({
      success: (place) => {
        // Asked once the map has the new centre: setData's callback runs after the render.
        this.setData({ mapStatus: `chose ${place.name}`, center: { latitude: place.latitude, longitude: place.longitude } }, () => {
          my.createMapContext('map').getCenterLocation({ success: (at) => this.setData({ mapStatus: `chose ${place.name} · centre ${at.latitude}, ${at.longitude}` }) });
        });
      },
      fail: (error) => this.setData({ mapStatus: error.error === 11 ? 'cancelled' : `error ${error.error}` }),
    });
  },

  openPlace() {
    my.openLocation({ ...WEST_LAKE, name: '西湖', address: '浙江省杭州市西湖区' });
  },
});
